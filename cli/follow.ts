import { answerOf, type RoostClient } from "./api-client";
import type { components } from "./api-types";
import { CliError } from "./cli-error";
import type { Output } from "./output";
import type { Vm } from "./resolve-vm";

export type Job = components["schemas"]["Job"];

const POLL_MS = 2000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function deadlineFor(timeoutSeconds: number, what: string) {
  const end = Date.now() + timeoutSeconds * 1000;
  return () => {
    if (Date.now() > end) throw new CliError(`Gave up after ${timeoutSeconds} s waiting for ${what}.`);
  };
}

function jobLine(job: Job): string {
  const percent = job.progress === null ? "" : ` ${job.progress}%`;
  return `${job.state}${percent}${job.message ? `: ${job.message}` : ""}`;
}

/** Polls a job until it ends, printing each change; a failed job is an error naming why. */
export async function followJob(
  client: RoostClient,
  jobId: string,
  out: Output,
  timeoutSeconds: number,
): Promise<Job> {
  const check = deadlineFor(timeoutSeconds, `job ${jobId}`);
  let last = "";
  for (;;) {
    const job = await answerOf(client.GET("/jobs/{jobId}", { params: { path: { jobId } } }));
    const line = jobLine(job);
    if (line !== last) out.progress(line);
    last = line;
    if (job.state === "succeeded") return job;
    if (job.state === "failed")
      throw new CliError(`Job ${job.id} failed: ${job.error ?? job.message ?? "no reason given"}`);
    check();
    await sleep(POLL_MS);
  }
}

/** States a VM does not leave by itself: waiting for another state from one of these is pointless. */
const settled = new Set(["failed", "missing", "deleted"]);

/** Polls a VM until the portal records it in `state`, printing each change. */
export async function waitForVmState(
  client: RoostClient,
  vmId: string,
  state: Vm["state"],
  out: Output,
  timeoutSeconds: number,
): Promise<Vm> {
  const check = deadlineFor(timeoutSeconds, `the VM to be ${state}`);
  let last = "";
  for (;;) {
    const vm = await answerOf(client.GET("/vms/{vmId}", { params: { path: { vmId } } }));
    const line = `${vm.name}: ${vm.state}${vm.progress !== null && vm.state === "provisioning" ? ` ${vm.progress}%` : ""}${vm.stateDetail ? ` (${vm.stateDetail})` : ""}`;
    if (line !== last) out.progress(line);
    last = line;
    if (vm.state === state) return vm;
    if (settled.has(vm.state))
      throw new CliError(
        `${vm.name} is ${vm.state}${vm.stateDetail ? `: ${vm.stateDetail}` : ""}; it will not become ${state}.`,
      );
    check();
    await sleep(POLL_MS);
  }
}
