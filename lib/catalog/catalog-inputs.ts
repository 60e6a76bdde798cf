import { z } from "zod";
import { message } from "@/lib/i18n/message";
import { settingDefinitions } from "@/lib/settings/registry";
import { displayText } from "@/lib/text/display-text";

/** What the admin writes about a template VM; the cluster, node and id come from the candidate. */
export const templateDetails = z.object({
  label: displayText(
    z
      .string()
      .trim()
      .min(1, message("validation.catalog.giveLabelMembers"))
      .max(80, message("validation.catalog.keepUnderCharacters")),
  ),
  os: displayText(
    z
      .string()
      .trim()
      .min(1, message("validation.catalog.nameOperatingSystem"))
      .max(40, message("validation.catalog.keepUnder40")),
  ),
  defaultUser: z
    .string()
    .trim()
    .regex(/^[a-z_][a-z0-9_-]{0,31}$/, message("validation.catalog.linuxUserName")),
  minDiskGb: z
    .number({ error: message("validation.catalog.enterNumberGib") })
    .int(message("validation.catalog.useWholeNumber"))
    .min(1, message("validation.catalog.leastGib"))
    .max(65_536, message("validation.catalog.mostGib")),
  cloneMode: z.enum(["linked", "full"]),
});

export const templateApprovalInput = templateDetails.extend({
  clusterId: z.string().min(1),
  node: z.string().min(1),
  vmid: z.number().int().min(100),
});

export const isoLabel = z.object({
  label: displayText(
    z
      .string()
      .trim()
      .min(1, message("validation.catalog.giveLabel"))
      .max(80, message("validation.catalog.keepUnderCharacters")),
  ),
});

export const isoApprovalInput = isoLabel.extend({
  clusterId: z.string().min(1),
  volid: z.string().regex(/^[\w.-]+:iso\/[^/]+\.iso$/i, message("validation.catalog.isoVolumeLocal")),
});

export const networkDetails = z.object({
  bridge: z
    .string()
    .trim()
    .regex(/^[a-zA-Z][\w.-]{0,14}$/, message("validation.catalog.bridgeNameVmbr")),
  vlan: z
    .number({ error: message("validation.catalog.vlanTagNumber") })
    .int(message("validation.catalog.vlanTagWhole"))
    .min(1, message("validation.catalog.vlanTagsRun"))
    .max(4094, message("validation.catalog.vlanTagsRun"))
    .nullable(),
  label: displayText(
    z
      .string()
      .trim()
      .min(1, message("validation.catalog.giveLabel"))
      .max(80, message("validation.catalog.keepUnderCharacters")),
  ),
});

export const networkInput = networkDetails.extend({ clusterId: z.string().min(1) });

export const catalogItemToggle = z.object({
  kind: z.enum(["template", "iso", "network"]),
  id: z.uuid(),
  enabled: z.boolean(),
});

const nodeSetting = settingDefinitions["catalog.nodes"].schema.element;

/** The placement form: every node and storage the cluster has, each ticked or not. */
export const placementForm = z.object({
  nodes: z.array(
    z.object({
      node: nodeSetting.shape.node,
      approved: z.boolean(),
      maxVms: z
        .number({ error: message("validation.catalog.capNumberLeave") })
        .int(message("validation.catalog.capWholeNumber"))
        .min(0, message("validation.catalog.capMore"))
        .max(10_000, message("validation.catalog.capMax"))
        .nullable(),
    }),
  ),
  storages: z.array(z.object({ storage: z.string(), approved: z.boolean() })),
});

export const placementInput = z.object({
  clusterId: z.string().min(1),
  nodes: settingDefinitions["catalog.nodes"].schema,
  storages: settingDefinitions["catalog.storages"].schema,
});

export const vmLimitsInput = z.object({ limits: settingDefinitions["vm.limits"].schema });
