import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { templates } from "./catalog";
import { users } from "./people";
import { projects } from "./projects";
import { vms } from "./vms";

/** Stop a VM nobody uses: no console open through the relay and CPU and network under these for `minutes`. */
export type IdleStopPolicy = {
  enabled: boolean;
  minutes: number;
  cpuPercent: number;
  /** Network in and out together, in KiB/s. */
  networkKibps: number;
};

/** student: each student owns their VM; project: the project owns it and the student operates it. */
export const cohortOwnershipEnum = pgEnum("cohort_ownership", ["student", "project"]);

/** A class: one VM per student from one template, with its schedule, until the end of term. */
export const cohorts = pgTable("cohorts", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  /** Names the VMs: `<slug>-<username>`; never changes once made. */
  slug: text("slug").notNull().unique(),
  teacherId: text("teacher_id")
    .notNull()
    .references(() => users.id),
  /** The project whose quota the VMs count in; null: each student's own quota. */
  projectId: uuid("project_id").references(() => projects.id),
  ownership: cohortOwnershipEnum("ownership").notNull().default("student"),
  templateId: uuid("template_id")
    .notNull()
    .references(() => templates.id),
  cores: integer("cores").notNull(),
  memoryMb: integer("memory_mb").notNull(),
  diskGb: integer("disk_gb").notNull(),
  /** The roster's identity-provider group, synced at each sign-in; null: the roster is a CSV. */
  rosterGroup: text("roster_group"),
  /** IANA zone the schedule and the end date are read in. */
  timeZone: text("time_zone").notNull().default("UTC"),
  endsAt: timestamp("ends_at", { mode: "date", withTimezone: true }).notNull(),
  idleStop: jsonb("idle_stop").$type<IdleStopPolicy>(),
  /** When the end-of-term stop and digest ran. */
  endedAt: timestamp("ended_at", { mode: "date", withTimezone: true }),
  createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});

export const cohortSeatStateEnum = pgEnum("cohort_seat_state", [
  "waiting", // an invited student who never signed in: their VM waits for them
  "queued",
  "provisioning",
  "ready",
  "failed",
  "removed",
]);

/** One student of a cohort and their VM. */
export const cohortSeats = pgTable(
  "cohort_seats",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cohortId: uuid("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** Lower-cased; set while the student has never signed in. */
    inviteEmail: text("invite_email"),
    source: text("source").$type<"group" | "csv">().notNull(),
    state: cohortSeatStateEnum("state").notNull().default("queued"),
    vmId: uuid("vm_id").references(() => vms.id, { onDelete: "set null" }),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    addedAt: timestamp("added_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    /** Removed from the roster: the VM is deleted after the lease's grace from then. */
    removedAt: timestamp("removed_at", { mode: "date", withTimezone: true }),
    /** The VM's first password, sealed with ROOST_SECRET_KEY for its student; cleared when shown. */
    passwordSealed: text("password_sealed"),
    passwordShownAt: timestamp("password_shown_at", { mode: "date", withTimezone: true }),
  },
  (seat) => [
    uniqueIndex("cohort_seats_user_idx").on(seat.cohortId, seat.userId),
    uniqueIndex("cohort_seats_invite_idx").on(seat.cohortId, seat.inviteEmail),
    index("cohort_seats_state_idx").on(seat.cohortId, seat.state),
    check("cohort_seats_person", sql`user_id is not null or invite_email is not null`),
  ],
);

/** Class times: each slot starts the VMs at `start` and stops them at `end` on its weekdays (1 = Monday). */
export type ScheduleSlot = { days: number[]; start: string; end: string };

/** A power schedule for one cohort, project or VM, read in its time zone. */
export const powerSchedules = pgTable(
  "power_schedules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cohortId: uuid("cohort_id").references(() => cohorts.id, { onDelete: "cascade" }),
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "cascade" }),
    vmId: uuid("vm_id").references(() => vms.id, { onDelete: "cascade" }),
    timeZone: text("time_zone").notNull(),
    slots: jsonb("slots").$type<ScheduleSlot[]>().notNull(),
    /** Whether members may start a stopped VM outside class. */
    allowOutside: boolean("allow_outside").notNull().default(true),
    /** The last slot edge acted on, so a restart neither repeats nor skips one. */
    lastEdgeAt: timestamp("last_edge_at", { mode: "date", withTimezone: true }),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (schedule) => [
    uniqueIndex("power_schedules_cohort_idx").on(schedule.cohortId),
    uniqueIndex("power_schedules_project_idx").on(schedule.projectId),
    uniqueIndex("power_schedules_vm_idx").on(schedule.vmId),
    check("power_schedules_one_target", sql`num_nonnulls(cohort_id, project_id, vm_id) = 1`),
  ],
);

/**
 * What idle stop last read of a watched VM and since when it has stayed quiet under its policy. In the
 * database, not in a process: the minute's run may fall to any replica, and the streak must carry over.
 */
export const idleWatches = pgTable("idle_watches", {
  vmId: uuid("vm_id")
    .primaryKey()
    .references(() => vms.id, { onDelete: "cascade" }),
  sampledAt: timestamp("sampled_at", { mode: "date", withTimezone: true }).notNull(),
  /** CPU as a share of the VM's cores, 0..1, as `/cluster/resources` gives it. */
  cpu: doublePrecision("cpu").notNull(),
  /** netin + netout since the guest started. */
  netBytes: bigint("net_bytes", { mode: "number" }).notNull(),
  uptime: integer("uptime").notNull(),
  /** The first reading of the quiet run the VM is in; null: it is not quiet now. */
  quietSince: timestamp("quiet_since", { mode: "date", withTimezone: true }),
  /** The thresholds the run was judged by: another policy starts a new run. */
  policy: jsonb("policy").$type<IdleStopPolicy>().notNull(),
});

export type Cohort = typeof cohorts.$inferSelect;
export type NewCohort = typeof cohorts.$inferInsert;
export type CohortSeat = typeof cohortSeats.$inferSelect;
export type CohortSeatState = (typeof cohortSeatStateEnum.enumValues)[number];
export type PowerSchedule = typeof powerSchedules.$inferSelect;
export type IdleWatch = typeof idleWatches.$inferSelect;
