import { z } from "zod";
import { message } from "@/lib/i18n/message";
import { displayText } from "@/lib/text/display-text";
import { vmNameSchema } from "./vm-name";
import { type SizeLimits, vmSizeSchema } from "./vm-size";

/**
 * The disk buses and network cards an ISO VM can have, with what a person sees for each; admins choose
 * which of them to offer (setting vm.hardware).
 */
export const isoHardwareOptions = {
  diskBuses: { scsi: "SCSI", virtio: "VirtIO block", sata: "SATA" },
  nicModels: { virtio: "VirtIO", e1000: "Intel E1000", rtl8139: "Realtek RTL8139" },
} as const;

export type DiskBus = keyof typeof isoHardwareOptions.diskBuses;
export type NicModel = keyof typeof isoHardwareOptions.nicModels;

export const diskBusSchema = z.enum(Object.keys(isoHardwareOptions.diskBuses) as [DiskBus, ...DiskBus[]]);
export const nicModelSchema = z.enum(Object.keys(isoHardwareOptions.nicModels) as [NicModel, ...NicModel[]]);

const size = { cores: z.number(), memoryMb: z.number(), diskGb: z.number() };

/** For a project rather than for oneself: the project's quota, pool and lease policy apply. */
const forProject = {
  projectId: z
    .uuid(message("validation.vm.pickProjectNone"))
    .optional()
    .meta({ description: "The project the VM is for; left out, the VM is yours." }),
};

/** A member's request for a VM made from a template; the server checks the size against the limits then. */
export const vmRequestSchema = z.object({
  templateId: z.uuid(message("validation.vm.pickTemplate")),
  networkId: z.uuid(message("validation.vm.pickNetwork")).optional(),
  name: vmNameSchema,
  ...size,
  ...forProject,
});

export type VmRequest = z.infer<typeof vmRequestSchema>;

/** A member's request for a VM that boots an installer ISO. */
export const isoRequestSchema = z.object({
  isoId: z.uuid(message("validation.vm.pickIso")),
  networkId: z.uuid(message("validation.vm.pickNetwork")).optional(),
  name: vmNameSchema,
  ...size,
  diskBus: diskBusSchema,
  nicModel: nicModelSchema,
  uefi: z.boolean(),
  ...forProject,
});

export type IsoRequest = z.infer<typeof isoRequestSchema>;

/** The same request as the form checks it, with the size limits the page was rendered with. */
export function withSizeLimits<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>, limits: SizeLimits) {
  return schema.extend(vmSizeSchema(limits).shape);
}

/** A new size for an existing VM; the server checks it against the limits and the disk it has. */
export const vmResizeSchema = z.object(size);

export const snapshotNameSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z][a-zA-Z0-9_-]{1,39}$/, message("validation.vm.startWithLetter"));

export const snapshotRequestSchema = z.object({
  name: snapshotNameSchema,
  description: displayText(z.string().max(500, message("validation.vm.keepDescriptionCharacters"))).default(
    "",
  ),
});
