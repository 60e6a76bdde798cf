import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/authz/current-user";
import { consoleVmFor } from "@/lib/console/console-vm";
import { TerminalScreen } from "./terminal-screen";

export const metadata: Metadata = { title: "Serial console" };

export default async function SerialConsolePage({ params }: { params: Promise<{ vmId: string }> }) {
  const user = await getCurrentUser();
  if (!user) notFound();
  const { vmId } = await params;
  const vm = await consoleVmFor(user, vmId);
  if (!vm) notFound();
  return (
    <>
      <div className="flex items-center gap-3">
        <Link href={`/vms/${vm.id}`} className="text-sm text-muted-foreground hover:underline">
          ← {vm.name}
        </Link>
        <h1 className="text-lg font-semibold">Serial console</h1>
        <Link
          href={`/vms/${vm.id}/console`}
          className="ml-auto text-sm text-muted-foreground hover:underline"
        >
          Screen console
        </Link>
      </div>
      <TerminalScreen vmId={vm.id} vmName={vm.name} />
    </>
  );
}
