import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/authz/current-user";
import { consoleVmFor } from "@/lib/console/console-vm";
import { ConsoleHeader } from "../console-header";
import { ConsoleScreen } from "./console-screen";

export async function generateMetadata() {
  const t = await getTranslations("console");
  return { title: t("screenTitle") };
}

export default async function ConsolePage({ params }: { params: Promise<{ vmId: string }> }) {
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
        title={t("screenTitle")}
        other={{ href: `/vms/${vm.id}/serial`, label: t("serialLink") }}
      />
      <ConsoleScreen vmId={vm.id} vmName={vm.name} />
    </>
  );
}
