import { z } from "zod";
import { defaultLocale, type Locale, locales } from "@/lib/i18n/locales";
import { message } from "@/lib/i18n/message";
import { quotaSchema } from "@/lib/quotas/quota";
import { defaultIdleStop, idleStopPolicySchema } from "@/lib/schedules/idle-policy-input";
import { displayText } from "@/lib/text/display-text";
import { type DiskBus, diskBusSchema, type NicModel, nicModelSchema } from "@/lib/vms/vm-inputs";

export const vmLimitsSchema = z
  .object({
    minCores: z.number().int().min(1).max(512),
    maxCores: z.number().int().min(1).max(512),
    minMemoryMb: z.number().int().min(128).max(4_194_304),
    maxMemoryMb: z.number().int().min(128).max(4_194_304),
    minDiskGb: z.number().int().min(1).max(65_536),
    maxDiskGb: z.number().int().min(1).max(65_536),
    maxNics: z.number().int().min(1).max(32),
    maxDisks: z.number().int().min(1).max(30),
  })
  .superRefine((limits, context) => {
    for (const [min, max] of [
      ["minCores", "maxCores"],
      ["minMemoryMb", "maxMemoryMb"],
      ["minDiskGb", "maxDiskGb"],
    ] as const)
      if (limits[min] > limits[max])
        context.addIssue({
          code: "custom",
          path: [max],
          message: message("validation.settings.eachMinimumMust"),
        });
  });

/** Every admin setting: its key, what values it accepts and its default. */
export const settingDefinitions = {
  "quota.default": {
    schema: quotaSchema,
    defaultValue: {
      vms: 3,
      cores: 8,
      memoryMb: 16_384,
      diskGb: 200,
      snapshots: 10,
      backups: 10,
      backupGb: 100,
    },
  },
  "vm.limits": {
    schema: vmLimitsSchema,
    defaultValue: {
      minCores: 1,
      maxCores: 8,
      minMemoryMb: 512,
      maxMemoryMb: 16_384,
      minDiskGb: 8,
      maxDiskGb: 200,
      maxNics: 2,
      maxDisks: 2,
    },
  },
  "vm.hardware": {
    schema: z.object({
      diskBuses: z.array(diskBusSchema).min(1),
      nicModels: z.array(nicModelSchema).min(1),
      allowUefi: z.boolean(),
      diskStorage: z.string().regex(/^[a-z][a-z0-9\-_.]*[a-z0-9]$/i, "a Proxmox storage id"),
      bridge: z.string().regex(/^[\w.-]+$/, "a bridge name like vmbr0"),
    }),
    defaultValue: {
      diskBuses: ["scsi", "virtio", "sata"] as DiskBus[],
      nicModels: ["virtio", "e1000"] as NicModel[],
      allowUefi: true,
      diskStorage: "local-lvm",
      bridge: "vmbr0",
    },
  },
  "lease.policy": {
    schema: z
      .object({
        lengthDays: z.number().int().min(1).max(3650),
        maxDays: z.number().int().min(1).max(3650),
        reminderDays: z
          .array(
            z
              .number({ error: message("validation.settings.remindersAreDays") })
              .int(message("validation.settings.remindersAreWhole"))
              .min(1, message("validation.settings.reminderComesLeast"))
              .max(365, message("validation.settings.reminderComesMost")),
          )
          .max(10, message("validation.settings.mostReminders")),
        graceDays: z.number().int().min(0).max(365),
        paused: z.boolean(),
        dryRun: z.boolean(),
        digestTo: z.array(z.email()).max(20),
      })
      .refine((policy) => policy.lengthDays <= policy.maxDays, {
        message: message("validation.settings.leaseLengthCannot"),
        path: ["maxDays"],
      }),
    defaultValue: {
      lengthDays: 90,
      maxDays: 180,
      reminderDays: [14, 7, 3, 1],
      graceDays: 7,
      paused: false,
      dryRun: false,
      digestTo: [] as string[],
    },
  },
  "lease.idle": {
    schema: z.object({
      cpuPercent: z.number().min(0.1).max(100),
      // Up to the month Proxmox keeps (30 days on PVE 9); longer than its week, the sweep reads the month.
      days: z.number().int().min(1).max(30),
    }),
    defaultValue: { cpuPercent: 5, days: 7 },
  },
  // Stops VMs nobody uses (no console, CPU and network quiet); projects and cohorts may override it.
  "idle.stop": {
    schema: idleStopPolicySchema,
    defaultValue: defaultIdleStop,
  },
  "pools.ignored": {
    schema: z.array(z.string().regex(/^[A-Za-z0-9_.-]+$/, "a Proxmox pool id")).max(100),
    defaultValue: [] as string[],
  },
  "catalog.nodes": {
    schema: z
      .array(
        z.object({
          clusterId: z.string().min(1),
          node: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9.-]*$/, "a node name"),
          maxVms: z.number().int().min(0).max(10_000).nullable(),
        }),
      )
      .max(500),
    // Empty: every online node may hold portal VMs.
    defaultValue: [] as { clusterId: string; node: string; maxVms: number | null }[],
  },
  "catalog.storages": {
    schema: z
      .array(
        z.object({
          clusterId: z.string().min(1),
          storage: z.string().regex(/^[a-zA-Z][\w.-]*$/, "a storage id"),
        }),
      )
      .max(200),
    // Empty: new disks go to the storage in vm.hardware.
    defaultValue: [] as { clusterId: string; storage: string }[],
  },
  // Per stored cluster; clusters not listed get pveproxy's 3 (lib/proxmox/node-lanes.ts).
  "proxmox.nodeConcurrency": {
    schema: z
      .array(z.object({ clusterId: z.string().min(1), limit: z.number().int().min(1).max(32) }))
      .max(500),
    defaultValue: [] as { clusterId: string; limit: number }[],
  },
  "console.limits": {
    schema: z.object({ concurrentPerUser: z.number().int().min(1).max(50) }),
    defaultValue: { concurrentPerUser: 3 },
  },
  "ipam.cooldownMinutes": {
    schema: z.number().int().min(0).max(525_600),
    defaultValue: 60,
  },
  "api.tokens": {
    schema: z
      .object({
        maxDays: z.number().int().min(1).max(3650),
        defaultDays: z.number().int().min(1).max(3650),
      })
      .refine((tokens) => tokens.defaultDays <= tokens.maxDays, {
        message: message("validation.settings.defaultLifetimeCannot"),
        path: ["defaultDays"],
      }),
    defaultValue: { maxDays: 365, defaultDays: 90 },
  },
  "backup.lifecycle": {
    schema: z.object({
      /** How long a deleted VM's backups are kept before they are removed; 0 removes them with the VM. */
      keepDaysAfterDelete: z.number().int().min(0).max(3650),
    }),
    defaultValue: { keepDaysAfterDelete: 30 },
  },
  // Whether a request beyond a quota needs a second, distinct approver before it takes effect.
  "approvals.second": {
    schema: z.boolean(),
    defaultValue: false,
  },
  // Clones of a class in flight at once on one storage: more only queue on Proxmox's storage lock.
  "cohorts.concurrency": {
    schema: z.number().int().min(1).max(32),
    defaultValue: 4,
  },
  "portal.name": {
    schema: displayText(z.string().trim().min(1).max(60)),
    defaultValue: "Roost",
  },
  /** The language of people who chose none and whose browser asks for none Roost speaks, and of mail to them. */
  "portal.locale": {
    schema: z.enum(locales),
    defaultValue: defaultLocale as Locale,
  },
} satisfies Record<string, { schema: z.ZodType; defaultValue: unknown }>;

export type SettingKey = keyof typeof settingDefinitions;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingDefinitions)[K]["schema"]>;
