import { allPages } from "./all-pages";
import { answerOf, type RoostClient } from "./api-client";
import type { components } from "./api-types";
import { CliError } from "./cli-error";

export type Vm = components["schemas"]["Vm"];

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every VM of the caller, following the pages' cursors. */
export function listAllVms(client: RoostClient): Promise<Vm[]> {
  return allPages((cursor) => answerOf(client.GET("/vms", { params: { query: { limit: 200, cursor } } })));
}

/** The VM a person names: its id as is, else the one VM of theirs with that name. */
export async function resolveVm(client: RoostClient, nameOrId: string): Promise<Vm> {
  if (UUID.test(nameOrId))
    return answerOf(client.GET("/vms/{vmId}", { params: { path: { vmId: nameOrId.toLowerCase() } } }));
  const named = (await listAllVms(client)).filter((vm) => vm.name === nameOrId);
  if (named.length === 0)
    throw new CliError(`You have no VM named "${nameOrId}"; \`roost vms list\` shows yours.`);
  if (named.length > 1)
    throw new CliError(
      `Several of your VMs are named "${nameOrId}"; name one by its id: ${named.map((vm) => vm.id).join(", ")}.`,
    );
  return named[0]!;
}
