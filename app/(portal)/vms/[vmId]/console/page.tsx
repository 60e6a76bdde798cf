import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/authz/current-user";
import { consoleVmFor } from "@/lib/console/console-vm";
import { ConsoleHeader } from "../console-header";
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
      <ConsoleHeader
        vm={vm}
        title="Console"
        other={{ href: `/vms/${vm.id}/serial`, label: "Serial console" }}
      />
      <ConsoleScreen vmId={vm.id} vmName={vm.name} />
    </>
  );
}
