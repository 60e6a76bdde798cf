import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/authz/current-user";
import { consoleVmFor } from "@/lib/console/console-vm";
import { ConsoleHeader } from "../console-header";
import { TerminalScreen } from "./terminal-screen";

export async function generateMetadata() {
  const t = await getTranslations("console");
  return { title: t("serialTitle") };
}

export default async function SerialConsolePage({ params }: { params: Promise<{ vmId: string }> }) {
  const user = await getCurrentUser();
  if (!user) notFound();
  const { vmId } = await params;
  const vm = await consoleVmFor(user, vmId);
  if (!vm) notFound();
  const t = await getTranslations("console");
  return (
    <>
      <ConsoleHeader
        vm={vm}
        title={t("serialTitle")}
        other={{ href: `/vms/${vm.id}/console`, label: t("screenLink") }}
      />
      <TerminalScreen vmId={vm.id} vmName={vm.name} />
    </>
  );
}
