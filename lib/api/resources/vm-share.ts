import { z } from "zod";
import type { ShareView } from "@/lib/shares/list-shares";
import { shareRoles } from "@/lib/shares/share-input";
import { vmIdParams } from "./vm";

export const vmShareParams = vmIdParams.extend({
  shareId: z
    .uuid("A share id is a UUID.")
    .meta({ description: "The share's id, as `GET /vms/{vmId}/shares` gives it." }),
});

/** One person's (or one invited address's) access to a VM, as the VM's owner sees it. */
export const vmShareResource = z
  .object({
    id: z.uuid(),
    status: z.enum(["live", "expired", "invited"]).meta({
      description:
        "live: it works now; expired: its end has passed; invited: waiting for the address's first sign-in.",
    }),
    role: z.enum(shareRoles),
    userId: z.string().nullable().meta({ description: "The person's id; null for an invitation." }),
    username: z.string().nullable(),
    email: z.string().nullable().meta({ description: "The person's address, or the invited one." }),
    expiresAt: z.iso.datetime().nullable().meta({ description: "When it stops working; null for no end." }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "VmShare" });

export function vmShareResourceOf(share: ShareView): z.infer<typeof vmShareResource> {
  return {
    id: share.id,
    status: share.status,
    role: share.role,
    userId: share.userId,
    username: share.username,
    email: share.email,
    expiresAt: share.expiresAt?.toISOString() ?? null,
    createdAt: share.createdAt.toISOString(),
  };
}
