import { type Command, Option } from "commander";
import { answerOf } from "../api-client";
import type { components, operations } from "../api-types";
import { CliError } from "../cli-error";
import { followJob, waitForVmState } from "../follow";
import { timeoutOption, wholeNumber } from "../options";
import { table } from "../output";
import { listAllVms, resolveVm, type Vm } from "../resolve-vm";
import { sessionFor } from "../session";
import { resolveTemplateId } from "./templates";

type PowerAction = operations["powerVm"]["requestBody"]["content"]["application/json"]["action"];
type CreatedVm = components["schemas"]["CreatedVm"];

const memory = (mb: number) => (mb % 1024 === 0 ? `${mb / 1024} GiB` : `${mb} MiB`);

function vmLines(vm: Vm): string[] {
  const fields: [string, string | number | null][] = [
    ["name", vm.name],
    ["id", vm.id],
    [
      "state",
      `${vm.state}${vm.liveState && vm.liveState !== vm.state ? ` (cluster says ${vm.liveState})` : ""}`,
    ],
    ["detail", vm.stateDetail],
    ["size", `${vm.cores} cores, ${memory(vm.memoryMb)}, ${vm.diskGb} GiB disk`],
    ["address", vm.ipAddress],
    ["snapshots", vm.snapshotCount],
    ["lease ends", vm.leaseExempt ? "never (exempt)" : vm.leaseExpiresAt],
    ["created", vm.createdAt],
  ];
  return fields
    .filter(([, value]) => value !== null)
    .map(([label, value]) => `${`${label}:`.padEnd(12)}${value}`);
}

async function power(command: Command, nameOrId: string, action: PowerAction) {
  const { client, out } = await sessionFor(command);
  const vm = await resolveVm(client, nameOrId);
  const answer = await answerOf(
    client.POST("/vms/{vmId}/power", { params: { path: { vmId: vm.id } }, body: { action } }),
  );
  out.result(
    { vm: { id: vm.id, name: vm.name }, action, ...answer },
    `${vm.name}: ${action} done${answer.state ? `; it is ${answer.state}` : ""}.`,
  );
}

export function addVmCommands(program: Command): void {
  const vms = program.command("vms").description("your virtual machines");

  vms
    .command("list")
    .description("list your VMs")
    .action(async (_options, command: Command) => {
      const { client, out } = await sessionFor(command);
      const all = await listAllVms(client);
      out.result(
        all,
        all.length === 0
          ? "You have no VMs; `roost vms create` makes one."
          : table(
              ["NAME", "STATE", "CORES", "MEMORY", "DISK", "ADDRESS", "ID"],
              all.map((vm) => [
                vm.name,
                vm.state,
                String(vm.cores),
                memory(vm.memoryMb),
                `${vm.diskGb} GiB`,
                vm.ipAddress ?? "-",
                vm.id,
              ]),
            ),
      );
    });

  vms
    .command("get")
    .description("show one VM")
    .argument("<vm>", "the VM's name or id")
    .action(async (nameOrId: string, _options, command: Command) => {
      const { client, out } = await sessionFor(command);
      const vm = await resolveVm(client, nameOrId);
      out.result(vm, vmLines(vm));
    });

  vms
    .command("create")
    .description("create a VM from a template; prints the guest's one-time password")
    .requiredOption("--template <template>", "the template's label or id (roost templates list)")
    .requiredOption("--name <name>", "the VM's name")
    .addOption(new Option("--cores <n>", "CPU cores").default(2).argParser(wholeNumber("number of cores")))
    .addOption(new Option("--memory <MiB>", "memory in MiB").default(2048).argParser(wholeNumber("memory")))
    .addOption(new Option("--disk <GiB>", "disk in GiB").default(20).argParser(wholeNumber("disk size")))
    .option("--network <id>", "the network's id (else the default)")
    .option("--wait", "wait until it runs")
    .addOption(timeoutOption())
    .action(async (options, command: Command) => {
      const { client, out } = await sessionFor(command);
      const created: CreatedVm = await answerOf(
        client.POST("/vms", {
          body: {
            templateId: await resolveTemplateId(client, options.template),
            name: options.name,
            cores: options.cores,
            memoryMb: options.memory,
            diskGb: options.disk,
            ...(options.network ? { networkId: options.network } : {}),
          },
        }),
      );
      const { vm, credentials } = created;
      const lines = [
        `Creating ${vm.name} (${vm.id}); job ${created.job.id}.`,
        `Sign in as ${credentials.user} with password ${credentials.password}`,
        "The password is shown only now; keep it.",
      ];
      if (!options.wait) return out.result(created, lines);
      for (const line of lines) out.progress(line);
      try {
        await followJob(client, created.job.id, out, options.timeout);
      } catch (error) {
        // A script that asked for --json still needs the password of a VM that may yet come up.
        if (out.json) out.result(created, []);
        throw error;
      }
      const running = await waitForVmState(client, vm.id, "running", out, options.timeout);
      out.result(
        { ...created, vm: running },
        `${running.name} is running${running.ipAddress ? ` at ${running.ipAddress}` : ""}.`,
      );
    });

  vms
    .command("start")
    .description("start a VM")
    .argument("<vm>", "the VM's name or id")
    .action((nameOrId: string, _options, command: Command) => power(command, nameOrId, "start"));

  vms
    .command("stop")
    .description("shut a VM down (asks the guest; --force cuts the power)")
    .argument("<vm>", "the VM's name or id")
    .option("--force", "cut the power instead of asking the guest")
    .action((nameOrId: string, options: { force?: boolean }, command: Command) =>
      power(command, nameOrId, options.force ? "stop" : "shutdown"),
    );

  vms
    .command("reboot")
    .description("reboot a VM")
    .argument("<vm>", "the VM's name or id")
    .action((nameOrId: string, _options, command: Command) => power(command, nameOrId, "reboot"));

  vms
    .command("delete")
    .description("delete a VM and its disks")
    .argument("<vm>", "the VM's name or id")
    .option("--yes", "really delete it (there is no undo)")
    .action(async (nameOrId: string, options: { yes?: boolean }, command: Command) => {
      if (!options.yes)
        throw new CliError("Deleting destroys the VM and its disks; add --yes to go ahead.", 2);
      const { client, out } = await sessionFor(command);
      const vm = await resolveVm(client, nameOrId);
      const answer = await answerOf(
        client.DELETE("/vms/{vmId}", { params: { path: { vmId: vm.id } }, body: { confirmName: vm.name } }),
      );
      out.result({ vm: { id: vm.id, name: vm.name }, ...answer }, `${vm.name} is deleted.`);
    });
}
