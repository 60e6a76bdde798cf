import { useFormatter, useTranslations } from "next-intl";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { RecentTask } from "@/lib/vms/recent-tasks";

/** The VM's latest Proxmox tasks, so a member sees what the cluster did and whether it worked. */
export function TasksCard({ tasks }: { tasks: RecentTask[] }) {
  const t = useTranslations("vmPage.tasks");
  const format = useFormatter();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-1 text-sm">
          {tasks.map((task) => (
            <li key={task.key} className="flex gap-3">
              <span className="w-48 shrink-0 font-mono text-xs text-muted-foreground">
                {task.startedAt === null ? "" : format.dateTime(task.startedAt, "second")}
              </span>
              <span className="font-mono text-xs">{task.type}</span>
              <span className={task.status === "OK" ? "text-muted-foreground" : "text-destructive"}>
                {task.status}
              </span>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
