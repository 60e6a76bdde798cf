import { useTranslations } from "next-intl";
import type { Project } from "@/db/schema";
import { projectLeasePolicy } from "@/lib/projects/project-lease";
import type { SettingValue } from "@/lib/settings/registry";

/** The project's lease policy in words: its own days where it sets them (within the portal's), else the portal's. */
export function ProjectLeasePolicy({
  project,
  portal,
}: {
  project: Pick<Project, "leaseLengthDays" | "leaseMaxDays">;
  portal: SettingValue<"lease.policy">;
}) {
  const t = useTranslations("components");
  const { lengthDays, maxDays } = projectLeasePolicy(portal, project);
  const source = (value: number | null) => (value === null ? "portal" : "project");
  return (
    <span data-testid="project-lease-policy">
      {t("leasePolicy", {
        lengthDays,
        maxDays,
        lengthFrom: source(project.leaseLengthDays),
        maxFrom: source(project.leaseMaxDays),
      })}
    </span>
  );
}
