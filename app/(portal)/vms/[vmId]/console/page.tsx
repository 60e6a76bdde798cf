import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/authz/current-user";
import { consoleVmFor } from "@/lib/console/console-vm";
import { ConsoleScreen } from "./console-screen";

export const metadata: Metadata = { title: "Console" };

export default async function ConsolePage({ params }: { params: Promise<{ vmId: string }> }) {
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
        <h1 className="text-lg font-semibold">Console</h1>
        <Link href={`/vms/${vm.id}/serial`} className="ml-auto text-sm text-muted-foreground hover:underline">
          Serial console
        </Link>
      </div>
      <ConsoleScreen vmId={vm.id} vmName={vm.name} />
    </>
  );
}
