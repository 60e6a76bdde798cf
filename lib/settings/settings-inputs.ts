import { z } from "zod";
import { settingDefinitions } from "./registry";

const leasePolicy = settingDefinitions["lease.policy"].schema;

/** Items typed into one box, separated by commas or spaces: "14, 7, 3, 1". */
const typedList = z.string().transform((text) => text.split(/[,\s]+/).filter(Boolean));

/** The settings page's lease form, as its action takes it. */
export const leaseSettingsInput = z.object({
  policy: leasePolicy,
  idle: settingDefinitions["lease.idle"].schema,
});

/** The lease form's fields: reminders and digest addresses are typed as lists; they parse to the input. */
export const leaseSettingsForm = z.object({
  policy: z
    .object({
      ...leasePolicy.shape,
      reminderDays: typedList.transform((days) => days.map(Number)),
      digestTo: typedList,
    })
    .pipe(leasePolicy),
  idle: leaseSettingsInput.shape.idle,
});

export const generalSettingsInput = z.object({
  portalName: settingDefinitions["portal.name"].schema,
  ignoredPools: settingDefinitions["pools.ignored"].schema,
  console: settingDefinitions["console.limits"].schema,
  locale: settingDefinitions["portal.locale"].schema,
});

export const generalSettingsForm = generalSettingsInput.extend({
  ignoredPools: typedList.pipe(generalSettingsInput.shape.ignoredPools),
});

/** The settings page's API token form: how long new tokens live unless asked, and at most. */
export const apiTokenSettingsInput = settingDefinitions["api.tokens"].schema;

/** The settings page's class form: the portal's idle stop and how many clones a class runs per storage. */
export const classSettingsInput = z.object({
  idleStop: settingDefinitions["idle.stop"].schema,
  concurrency: settingDefinitions["cohorts.concurrency"].schema,
});
