import { z } from "zod";
import { defineEvent } from "@/lib/jobs/define-job";
import { diskBusSchema, nicModelSchema } from "./vm-inputs";

/** A member asked for a VM from a template; its record exists in state provisioning. */
export const vmProvisionRequested = defineEvent(
  "app/vm.provision-requested",
  // Linux carries the password's SHA-512 crypt hash; Windows, which needs it plain, carries it sealed.
  z.union([
    z.object({
      vmId: z.uuid(),
      passwordHash: z.string().startsWith("$6$", "expected a SHA-512 crypt hash"),
      sshKeys: z.array(z.string()).max(50),
    }),
    z.object({
      vmId: z.uuid(),
      sealedPassword: z.string().startsWith("v1:", "expected a sealed secret"),
      sshKeys: z.array(z.string()).max(50),
    }),
  ]),
);

/** A member asked for a VM that boots an installer ISO; its record exists in state provisioning. */
export const vmIsoProvisionRequested = defineEvent(
  "app/vm.iso-provision-requested",
  z.object({
    vmId: z.uuid(),
    hardware: z.object({
      diskBus: diskBusSchema,
      nicModel: nicModelSchema,
      uefi: z.boolean(),
    }),
  }),
);
