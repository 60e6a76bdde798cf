import "server-only";
import { getVmById, getVmForOwner } from "@/db/queries/vms";
import type { Vm } from "@/db/schema";
import type { CurrentUser } from "@/lib/authz/current-user";

/** The VM whose console `user` may open: any for admins, their own for anyone else; null otherwise. */
export async function consoleVmFor(user: CurrentUser, vmId: string): Promise<Vm | null> {
  if (!/^[0-9a-f-]{36}$/.test(vmId)) return null;
  const vm =
    user.role === "admin"
      ? await getVmById({ id: vmId })
      : await getVmForOwner({ id: vmId, ownerId: user.id });
  return vm && vm.state !== "deleted" ? vm : null;
}
