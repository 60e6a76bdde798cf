/** A person as the owner of a VM being made: the id, the name its timeline shows, the username its pool takes. */
export function vmOwnerFrom(user: { id: string; name?: string | null; username?: string | null }) {
  return { id: user.id, label: user.name ?? user.username ?? user.id, username: user.username ?? user.id };
}
