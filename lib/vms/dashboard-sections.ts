import type { VisibleVm } from "@/db/queries/vm-access";
import type { Vm } from "@/db/schema";
import { accessFromStanding, type Person, type VmAccess } from "@/lib/authz/vm-access";

export interface DashboardSection<V extends Vm = Vm> {
  /** "mine", "shared", or the project's id. */
  key: string;
  title: string;
  vms: { vm: V; access: VmAccess }[];
}

/**
 * The dashboard's sections: "My VMs", one per project ("Project <name>", by name), "Shared with me".
 * A project VM stands under its project even when it is also shared with the person. `live` puts each
 * row's VM as the page shows it (with the cluster's state) in place of the record.
 */
export function dashboardSections<V extends Vm>(
  person: Person,
  rows: VisibleVm[],
  live: (vm: Vm) => V,
): DashboardSection<V>[] {
  const mine: DashboardSection<V> = { key: "mine", title: "My VMs", vms: [] };
  const shared: DashboardSection<V> = { key: "shared", title: "Shared with me", vms: [] };
  const projects = new Map<string, DashboardSection<V>>();
  for (const row of rows) {
    const entry = { vm: live(row.vm), access: accessFromStanding(person, row) };
    // A class's VMs are on its teacher's class page; the dashboard is for VMs of one's own.
    if (entry.access.relations.length === 1 && entry.access.relations[0] === "teacher") continue;
    if (row.project && row.projectRole) {
      const section = projects.get(row.project.id) ?? {
        key: row.project.id,
        title: `Project ${row.project.name}`,
        vms: [],
      };
      section.vms.push(entry);
      projects.set(row.project.id, section);
    } else if (row.vm.projectId === null && row.vm.ownerId === person.id) mine.vms.push(entry);
    else shared.vms.push(entry);
  }
  const byTitle = [...projects.values()].sort((a, b) => a.title.localeCompare(b.title));
  return [mine, ...byTitle, ...(shared.vms.length ? [shared] : [])];
}
