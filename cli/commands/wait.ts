import { type Command, Option } from "commander";
import type { components } from "../api-types";
import { waitForVmState } from "../follow";
import { timeoutOption } from "../options";
import { resolveVm } from "../resolve-vm";
import { sessionFor } from "../session";

type VmState = components["schemas"]["Vm"]["state"];

const states: VmState[] = ["provisioning", "running", "stopped", "paused", "failed", "missing", "deleting"];

export function addWaitCommand(program: Command): void {
  program
    .command("wait")
    .description("wait until a VM is in a state (the portal's record of it)")
    .argument("<vm>", "the VM's name or id")
    .addOption(new Option("--state <state>", "the state to wait for").choices(states).default("running"))
    .addOption(timeoutOption())
    .action(async (nameOrId: string, options: { state: VmState; timeout: number }, command: Command) => {
      const { client, out } = await sessionFor(command);
      const vm = await resolveVm(client, nameOrId);
      const reached = await waitForVmState(client, vm.id, options.state, out, options.timeout);
      out.result(reached, []);
    });
}
