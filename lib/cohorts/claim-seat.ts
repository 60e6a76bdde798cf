import "server-only";
import { getSeat, lockSeat, updateSeat } from "@/db/queries/cohorts";
import { getUserById } from "@/db/queries/users";
import { findLiveVmByName, insertVm } from "@/db/queries/vms";
import type { Cohort, CohortSeat, Template } from "@/db/schema";
import { systemActor } from "@/lib/audit/record-audit-event";
import { isDomainError } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { withinQuota } from "@/lib/quotas/effective-quota";
import { projectAccount, userAccount } from "@/lib/quotas/quota-account";
import { recordVmEvent } from "@/lib/vms/vm-timeline";
import { seatVmName } from "./cohort-inputs";

/** What the batch needs of a seat after its claim (a step's output is JSON). */
export interface SeatClaim {
  state: CohortSeat["state"];
  vmId: string | null;
  /** The student; absent from the claims of runs before it was kept. */
  userId?: string | null;
}

const claimOf = (seat: CohortSeat): SeatClaim => ({
  state: seat.state,
  vmId: seat.vmId,
  userId: seat.userId,
});

/**
 * Turns a queued seat into its VM's record, in the quota's transaction with the seat locked: a seat gets
 * one VM however many batches run at once. The VM counts in the class's project or the student's quota;
 * a seat the quota (or a name taken) refuses fails with the reason, for the teacher to see.
 */
export async function claimSeat(
  cohort: Cohort,
  template: Template,
  seatId: string,
): Promise<SeatClaim | null> {
  const seat = await getSeat({ id: seatId });
  if (!seat) return null;
  if (seat.state !== "queued" || !seat.userId) return claimOf(seat);
  const student = await getUserById({ id: seat.userId });
  if (!student) return claimOf(seat);
  const ownerId = cohort.ownership === "project" ? cohort.teacherId : student.id;
  const name = seatVmName(cohort.slug, student.username ?? student.email?.split("@")[0] ?? student.id);
  const account = cohort.projectId ? projectAccount(cohort.projectId) : userAccount(student.id);
  const size = { cores: cohort.cores, memoryMb: cohort.memoryMb, diskGb: cohort.diskGb };
  let claimed: CohortSeat | null;
  try {
    claimed = await withinQuota(account, { vms: 1, ...size }, async (tx) => {
      const locked = await lockSeat({ id: seat.id }, tx);
      if (locked?.state !== "queued") return locked;
      if (await findLiveVmByName({ ownerId, projectId: cohort.projectId, name }, tx))
        return updateSeat({ id: seat.id, state: "failed", error: `A VM called ${name} exists already.` }, tx);
      const vm = await insertVm(
        {
          clusterId: template.clusterId,
          ownerId,
          projectId: cohort.projectId,
          cohortId: cohort.id,
          name,
          templateId: template.id,
          ...size,
          state: "provisioning",
          stateDetail: message("progress.waitingToStart"),
          // The term is the lease: at its end the lease rules stop the VM and delete it after the grace.
          leaseExpiresAt: cohort.endsAt,
        },
        tx,
      );
      return updateSeat(
        { id: seat.id, state: "provisioning", vmId: vm.id, attempts: locked.attempts + 1, error: null },
        tx,
      );
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    claimed = await updateSeat({ id: seat.id, state: "failed", error: (error as Error).message });
  }
  if (claimed?.vmId && claimed.state === "provisioning" && claimed.vmId !== seat.vmId)
    await recordVmEvent({
      vmId: claimed.vmId,
      kind: "created",
      message: message("timeline.madeForStudent", {
        student: student.name ?? student.username ?? student.email ?? "",
        cohort: cohort.name,
        template: template.label,
      }),
      actor: systemActor,
      detail: { cohortId: cohort.id, seatId: seat.id },
    });
  return claimed ? claimOf(claimed) : null;
}
