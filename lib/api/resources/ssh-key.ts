import { z } from "zod";
import type { SshKey } from "@/db/schema";

export const sshKeyIdParams = z.object({
  keyId: z
    .uuid("An SSH key id is a UUID.")
    .meta({ description: "The key's id, as `GET /ssh-keys` gives it." }),
});

/** A public key on the caller's profile, which the VMs they create receive through cloud-init. */
export const sshKeyResource = z
  .object({
    id: z.uuid(),
    label: z.string(),
    type: z.string().meta({ description: "The key's algorithm, such as `ssh-ed25519`." }),
    fingerprint: z
      .string()
      .meta({ description: "OpenSSH's SHA256 fingerprint, as `ssh-keygen -lf` prints it." }),
    publicKey: z.string().meta({ description: "The key as one line: type, base64 and comment." }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "SshKey" });

export function sshKeyResourceOf(key: SshKey): z.infer<typeof sshKeyResource> {
  return {
    id: key.id,
    label: key.label,
    type: key.publicKey.split(" ")[0] ?? "",
    fingerprint: key.fingerprint,
    publicKey: key.publicKey,
    createdAt: key.createdAt.toISOString(),
  };
}
