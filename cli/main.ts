import { Command, CommanderError } from "commander";
import { CliError } from "./cli-error";
import { addConsoleCommand } from "./commands/console";
import { addJobCommands } from "./commands/jobs";
import { addLoginCommand } from "./commands/login";
import { addTemplateCommands } from "./commands/templates";
import { addVmCommands } from "./commands/vms";
import { addWaitCommand } from "./commands/wait";
import { addWhoamiCommand } from "./commands/whoami";

function buildProgram(): Command {
  const program = new Command("roost")
    .description("Roost's command line: your VMs through the portal's API (/api/v1)")
    .option("--json", "print one JSON document on stdout, for scripts")
    .exitOverride();
  addLoginCommand(program);
  addWhoamiCommand(program);
  addVmCommands(program);
  addTemplateCommands(program);
  addWaitCommand(program);
  addJobCommands(program);
  addConsoleCommand(program);
  return program;
}

/** Runs the CLI: 0 when done, 1 when the portal or the work refused, 2 for a command used wrongly. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError)
      // Commander has printed the message (and help); --help and --version end well.
      return error.code === "commander.helpDisplayed" || error.code === "commander.version" ? 0 : 2;
    if (error instanceof CliError) {
      process.stderr.write(`roost: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`roost: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv);
