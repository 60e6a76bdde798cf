import { counter } from "./registry";

const runs = () =>
  counter({
    name: "roost_job_runs_total",
    help: "Job attempts by job and outcome (succeeded, failed, retry, sleeping, lost)",
    labelNames: ["job", "outcome"],
  });

export function countJobRun(job: string, outcome: string): void {
  runs().inc({ job, outcome });
}
