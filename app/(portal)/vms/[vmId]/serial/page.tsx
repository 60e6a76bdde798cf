import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/authz/current-user";
import { consoleVmFor } from "@/lib/console/console-vm";
import { ConsoleHeader } from "../console-header";
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
      <ConsoleHeader
        vm={vm}
        title="Serial console"
        other={{ href: `/vms/${vm.id}/console`, label: "Screen console" }}
      />
      <TerminalScreen vmId={vm.id} vmName={vm.name} />
    </>
  );
}
