import { z } from "zod";
import type { Iso, Network, Template } from "@/db/schema";

/** A cloud image admins approved: what `POST /vms` takes as `templateId`. */
export const templateResource = z
  .object({
    id: z.uuid(),
    label: z.string(),
    os: z.string(),
    defaultUser: z.string().meta({ description: "The user the VM's one-time password is for." }),
    minDiskGb: z.number().int().meta({ description: "The smallest disk a VM from it may have, in GiB." }),
  })
  .meta({ id: "Template" });

/** An installer ISO admins approved, to boot a new VM from. */
export const isoResource = z.object({ id: z.uuid(), label: z.string() }).meta({ id: "Iso" });

/** A network admins approved for members' VMs. */
export const networkResource = z.object({ id: z.uuid(), label: z.string() }).meta({ id: "Network" });

export function templateResourceOf(template: Template): z.infer<typeof templateResource> {
  const { id, label, os, defaultUser, minDiskGb } = template;
  return { id, label, os, defaultUser, minDiskGb };
}

export function labelledResourceOf({ id, label }: Iso | Network): { id: string; label: string } {
  return { id, label };
}
