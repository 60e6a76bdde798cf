import { z } from "zod";
import { quotaSchema } from "@/lib/quotas/quota";

/** Every admin setting: its key, what values it accepts and its default. */
export const settingDefinitions = {
  "quota.default": {
    schema: quotaSchema,
    defaultValue: { vms: 3, cores: 8, memoryMb: 16_384, diskGb: 200, snapshots: 10 },
  },
  "portal.name": {
    schema: z.string().trim().min(1).max(60),
    defaultValue: "Roost",
  },
} satisfies Record<string, { schema: z.ZodType; defaultValue: unknown }>;

export type SettingKey = keyof typeof settingDefinitions;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingDefinitions)[K]["schema"]>;
