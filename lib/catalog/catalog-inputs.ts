import { z } from "zod";
import { settingDefinitions } from "@/lib/settings/registry";
import { displayText } from "@/lib/text/display-text";

/** What the admin writes about a template VM; the cluster, node and id come from the candidate. */
export const templateDetails = z.object({
  label: displayText(
    z
      .string()
      .trim()
      .min(1, "Give it a label members will recognise.")
      .max(80, "Keep it under 80 characters."),
  ),
  os: displayText(
    z.string().trim().min(1, "Name its operating system.").max(40, "Keep it under 40 characters."),
  ),
  defaultUser: z
    .string()
    .trim()
    .regex(/^[a-z_][a-z0-9_-]{0,31}$/, "A Linux user name, like debian or ubuntu."),
  minDiskGb: z
    .number({ error: "Enter a number of GiB." })
    .int("Use a whole number of GiB.")
    .min(1, "At least 1 GiB.")
    .max(65_536, "At most 65536 GiB."),
  cloneMode: z.enum(["linked", "full"]),
});

export const templateApprovalInput = templateDetails.extend({
  clusterId: z.string().min(1),
  node: z.string().min(1),
  vmid: z.number().int().min(100),
});

export const isoLabel = z.object({
  label: displayText(z.string().trim().min(1, "Give it a label.").max(80, "Keep it under 80 characters.")),
});

export const isoApprovalInput = isoLabel.extend({
  clusterId: z.string().min(1),
  volid: z.string().regex(/^[\w.-]+:iso\/[^/]+\.iso$/i, "An ISO volume like local:iso/debian.iso"),
});

export const networkDetails = z.object({
  bridge: z
    .string()
    .trim()
    .regex(/^[a-zA-Z][\w.-]{0,14}$/, "A bridge name like vmbr0."),
  vlan: z
    .number({ error: "A VLAN tag is a number." })
    .int("A VLAN tag is a whole number.")
    .min(1, "VLAN tags run from 1 to 4094.")
    .max(4094, "VLAN tags run from 1 to 4094.")
    .nullable(),
  label: displayText(z.string().trim().min(1, "Give it a label.").max(80, "Keep it under 80 characters.")),
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
        .number({ error: "A cap is a number; leave it empty for none." })
        .int("A cap is a whole number.")
        .min(0, "A cap is 0 or more.")
        .max(10_000, "At most 10000.")
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
