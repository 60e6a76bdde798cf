import type { Command } from "commander";
import { answerOf } from "../api-client";
import { resolveVm } from "../resolve-vm";
import { runSerialConsole } from "../serial-console";
import { sessionFor } from "../session";

export function addConsoleCommand(program: Command): void {
  program
    .command("console")
    .description("the VM's serial console in this terminal (Ctrl-] leaves)")
    .argument("<vm>", "the VM's name or id")
    .action(async (nameOrId: string, _options, command: Command) => {
      const { client } = await sessionFor(command);
      const vm = await resolveVm(client, nameOrId);
      const ticket = await answerOf(
        client.POST("/vms/{vmId}/console", { params: { path: { vmId: vm.id } }, body: { kind: "serial" } }),
      );
      await runSerialConsole({ url: ticket.url, origin: ticket.origin });
    });
}
