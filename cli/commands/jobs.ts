import type { Command } from "commander";
import { followJob } from "../follow";
import { timeoutOption } from "../options";
import { sessionFor } from "../session";

export function addJobCommands(program: Command): void {
  const jobs = program.command("jobs").description("long operations (creating, deleting, powering a VM)");
  jobs
    .command("follow")
    .description("print a job's progress until it ends; exits non-zero if it fails")
    .argument("<jobId>", "the job's id, as a long operation answered")
    .addOption(timeoutOption())
    .action(async (jobId: string, options: { timeout: number }, command: Command) => {
      const { client, out } = await sessionFor(command);
      const job = await followJob(client, jobId, out, options.timeout);
      out.result(job, []);
    });
}
