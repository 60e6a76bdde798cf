"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { sweepLeases } from "@/lib/leases/lease-sweep";
import { deliverPendingMail } from "@/lib/mail/deliver-mail";
import { setSetting } from "@/lib/settings/settings";
import {
  apiTokenSettingsInput,
  classSettingsInput,
  generalSettingsInput,
  leaseSettingsInput,
} from "@/lib/settings/settings-inputs";

export const saveLeaseSettingsAction = validatedAction(
  {
    name: "settings.leases.save",
    permission: "admin:write",
    input: leaseSettingsInput,
  },
  async ({ policy, idle }, { user, audit }) => {
    await setSetting("lease.policy", policy, user.id);
    await setSetting("lease.idle", idle, user.id);
    await audit({
      action: "settings.leases.save",
      target: { type: "setting", id: "lease.policy" },
      detail: { policy, idle },
    });
    revalidatePath("/admin/settings");
    return { policy, idle };
  },
);

export const saveGeneralSettingsAction = validatedAction(
  {
    name: "settings.general.save",
    permission: "admin:write",
    input: generalSettingsInput,
  },
  async ({ portalName, ignoredPools, console, locale }, { user, audit }) => {
    await setSetting("portal.name", portalName, user.id);
    await setSetting("pools.ignored", ignoredPools, user.id);
    await setSetting("console.limits", console, user.id);
    await setSetting("portal.locale", locale, user.id);
    await audit({
      action: "settings.general.save",
      target: { type: "setting", id: "general" },
      detail: { portalName, ignoredPools, console, locale },
    });
    revalidatePath("/admin/settings");
    return { portalName, locale };
  },
);

export const saveApiTokenSettingsAction = validatedAction(
  {
    name: "settings.api-tokens.save",
    permission: "admin:write",
    input: apiTokenSettingsInput,
  },
  async (tokens, { user, audit }) => {
    const saved = await setSetting("api.tokens", tokens, user.id);
    await audit({
      action: "settings.api-tokens.save",
      target: { type: "setting", id: "api.tokens" },
      detail: { ...saved },
    });
    revalidatePath("/admin/settings");
    return saved;
  },
);

export const saveClassSettingsAction = validatedAction(
  {
    name: "settings.classes.save",
    permission: "admin:write",
    input: classSettingsInput,
  },
  async ({ idleStop, concurrency }, { user, audit }) => {
    await setSetting("idle.stop", idleStop, user.id);
    await setSetting("cohorts.concurrency", concurrency, user.id);
    await audit({
      action: "settings.classes.save",
      target: { type: "setting", id: "idle.stop" },
      detail: { idleStop, concurrency },
    });
    revalidatePath("/admin/settings");
    return { idleStop, concurrency };
  },
);

/** Runs the lease sweep now, as the hourly job would, and says what it did (or, in a dry run, would do). */
export const runLeaseSweepAction = validatedAction(
  { name: "lease.sweep.run", permission: "admin:write", input: z.object({}) },
  async (_input, { audit }) => {
    const report = await sweepLeases();
    await deliverPendingMail();
    await audit({ action: "lease.sweep.run", detail: { ...report } });
    return report;
  },
);
