import "server-only";
import type { Vm } from "@/db/schema";
import { allows, type Person, vmAccess } from "@/lib/authz/vm-access";

/** The VM whose console the person may open, as the one rule says; null otherwise. */
export async function consoleVmFor(person: Person, vmId: string): Promise<Vm | null> {
  const access = await vmAccess(person, vmId);
  return access && allows(access, "console") && access.vm.state !== "deleted" ? access.vm : null;
}
