import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { VmStateBadge } from "@/components/vm-state-badge";
import type { Vm } from "@/db/schema";
import { formatGiB, formatMemory } from "@/lib/format";

/** A project's VMs, each linking to its page: `/vms/<id>` for members, `/admin/vms/<id>` in Admin. */
export function ProjectVmsTable({ vms, linkBase }: { vms: Vm[]; linkBase: "/vms" | "/admin/vms" }) {
  const t = useTranslations("components.projectVms");
  const format = useFormatter();
  if (vms.length === 0) return <p className="text-sm text-muted-foreground">{t("empty")}</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t("name")}</TableHead>
          <TableHead>{t("state")}</TableHead>
          <TableHead>{t("size")}</TableHead>
          <TableHead>{t("leaseEnds")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {vms.map((vm) => (
          <TableRow key={vm.id} data-testid={`project-vm-${vm.name}`}>
            <TableCell>
              <Link className="font-medium underline-offset-4 hover:underline" href={`${linkBase}/${vm.id}`}>
                {vm.name}
              </Link>
            </TableCell>
            <TableCell>
              <VmStateBadge state={vm.state} />
            </TableCell>
            <TableCell className="text-sm">
              {t("sizeValue", {
                cores: vm.cores,
                memory: formatMemory(vm.memoryMb),
                disk: formatGiB(vm.diskGb),
              })}
            </TableCell>
            <TableCell className="text-xs">
              {vm.leaseExempt
                ? t("exempt")
                : vm.leaseExpiresAt
                  ? format.dateTime(vm.leaseExpiresAt, "day")
                  : "—"}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
