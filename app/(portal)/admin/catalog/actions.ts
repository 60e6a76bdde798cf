"use server";

import { revalidatePath } from "next/cache";
import { insertIso, insertNetwork, insertTemplate, setCatalogItemEnabled } from "@/db/queries/catalog";
import { validatedAction } from "@/lib/actions/validated-action";
import {
  catalogItemToggle,
  isoApprovalInput,
  networkInput,
  placementInput,
  templateApprovalInput,
  vmLimitsInput,
} from "@/lib/catalog/catalog-inputs";
import { savePlacement } from "@/lib/catalog/placement-settings";
import { conflict, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { setSetting } from "@/lib/settings/settings";

const done = () => revalidatePath("/admin/catalog");

export const approveTemplateAction = validatedAction(
  {
    name: "catalog.template.approve",
    permission: "admin:write",
    input: templateApprovalInput,
  },
  async (input, { audit }) => {
    const template = await insertTemplate(input);
    if (!template) throw conflict(`Template ${input.vmid} is already approved.`);
    await audit({
      action: "catalog.template.approve",
      target: { type: "template", id: template.id },
      detail: input,
    });
    done();
    return { id: template.id };
  },
);

export const approveIsoAction = validatedAction(
  {
    name: "catalog.iso.approve",
    permission: "admin:write",
    input: isoApprovalInput,
  },
  async (input, { audit }) => {
    const iso = await insertIso(input);
    if (!iso) throw conflict(message("adminCatalog.errors.isoTaken"));
    await audit({ action: "catalog.iso.approve", target: { type: "iso", id: iso.id }, detail: input });
    done();
    return { id: iso.id };
  },
);

export const addNetworkAction = validatedAction(
  {
    name: "catalog.network.add",
    permission: "admin:write",
    input: networkInput,
  },
  async (input, { audit }) => {
    const network = await insertNetwork(input);
    if (!network) throw conflict(message("adminCatalog.errors.networkTaken"));
    await audit({
      action: "catalog.network.add",
      target: { type: "network", id: network.id },
      detail: input,
    });
    done();
    return { id: network.id };
  },
);

export const setCatalogItemEnabledAction = validatedAction(
  {
    name: "catalog.item.enable",
    permission: "admin:write",
    input: catalogItemToggle,
  },
  async (input, { audit }) => {
    const item = await setCatalogItemEnabled(input);
    if (!item) throw notFound(message("adminCatalog.errors.itemMissing"));
    await audit({
      action: input.enabled ? "catalog.item.offer" : "catalog.item.withdraw",
      target: { type: input.kind, id: input.id },
      detail: { label: item.label },
    });
    done();
    return input;
  },
);

export const savePlacementAction = validatedAction(
  {
    name: "catalog.placement.save",
    permission: "admin:write",
    input: placementInput,
  },
  async ({ clusterId, nodes, storages }, { user, audit }) => {
    await savePlacement({ clusterId, nodes, storages }, user.id);
    await audit({
      action: "catalog.placement.save",
      target: { type: "cluster", id: clusterId },
      detail: { nodes, storages },
    });
    done();
    return { saved: true };
  },
);

export const saveVmLimitsAction = validatedAction(
  {
    name: "catalog.limits.save",
    permission: "admin:write",
    input: vmLimitsInput,
  },
  async ({ limits }, { user, audit }) => {
    await setSetting("vm.limits", limits, user.id);
    await audit({
      action: "catalog.limits.save",
      target: { type: "setting", id: "vm.limits" },
      detail: { limits },
    });
    done();
    return { limits };
  },
);
