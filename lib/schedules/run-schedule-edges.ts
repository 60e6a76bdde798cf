import "server-only";
import { claimScheduleEdge, listActingSchedules, listScheduledVms } from "@/db/queries/power-schedules";
import type { PowerSchedule } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { getSetting } from "@/lib/settings/settings";
import { type BatchOutcome, powerVms } from "./batch-power";
import { scheduleEdges } from "./class-times";

export const scheduleActor: AuditActor = { id: null, label: "class schedule" };

/** How far back a run looks for an edge it missed, so a portal down for days still catches up once. */
const LOOKBACK_MS = 8 * 24 * 60 * 60 * 1000;

export interface EdgeReport {
  scheduleId: string;
  action: "start" | "stop";
  at: string;
  outcomes: BatchOutcome[];
}

/**
 * Acts on each schedule's edges between its last acted-on edge and now. Only the latest counts: after
 * downtime that spanned a whole class, the VMs end as the schedule has them now, not started and stopped
 * in turn. Each edge is claimed before it is acted on, so replicas and overlapping runs act once.
 */
export async function runScheduleEdges({ now = new Date() }: { now?: Date } = {}): Promise<EdgeReport[]> {
  const [schedules, ignoredPools] = await Promise.all([listActingSchedules(), getSetting("pools.ignored")]);
  const reports: EdgeReport[] = [];
  for (const schedule of schedules) {
    const report = await runOne(schedule, now, new Set(ignoredPools));
    if (report) reports.push(report);
  }
  return reports;
}

async function runOne(schedule: PowerSchedule, now: Date, ignoredPools: Set<string>) {
  const since = new Date(
    Math.max((schedule.lastEdgeAt ?? schedule.createdAt).getTime(), now.getTime() - LOOKBACK_MS),
  );
  const edge = scheduleEdges(schedule, since, now).at(-1);
  if (!edge) return null;
  if (!(await claimScheduleEdge({ id: schedule.id, edgeAt: edge.at }))) return null;
  const vms = (await listScheduledVms({ schedule, now })).filter(
    (vm) => !vm.pool || !ignoredPools.has(vm.pool),
  );
  // The record's state may lag behind Proxmox: each VM's own status decides, and one already there is left.
  const outcomes = await powerVms(vms, edge.action, {
    actor: scheduleActor,
    message: edge.action === "start" ? "Started: class begins" : "Shut down: class is over",
  });
  return { scheduleId: schedule.id, action: edge.action, at: edge.at.toISOString(), outcomes };
}
