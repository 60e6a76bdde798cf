import { displayName } from "@/lib/authz/display-name";

/** A person as the owner of a VM being made: the id, the name its timeline shows, the username its pool takes. */
export function vmOwnerFrom(user: {
  id: string;
  name?: string | null;
  username?: string | null;
  email?: string | null;
}) {
  return { id: user.id, label: displayName(user), username: user.username ?? user.id };
}

export type VmOwner = ReturnType<typeof vmOwnerFrom>;
