import { ListChecks } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listCronSchedules } from "@/db/queries/cron-schedules";
import { countJobsByState, listJobs } from "@/db/queries/jobs";
import { type JobState, jobStateEnum } from "@/db/schema";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { getConfig } from "@/lib/config";
import { cn } from "@/lib/utils";
import { JobControlButton } from "./job-control-button";
import { LiveJobAttempts, LiveJobProgress, LiveJobState, LiveJobsProvider } from "./live-jobs";

export async function generateMetadata() {
  const t = await getTranslations("adminJobs");
  return { title: t("title") };
}

function parseState(value: string | undefined): JobState | undefined {
  return jobStateEnum.enumValues.find((state) => state === value);
}

export default async function JobsPage({ searchParams }: { searchParams: Promise<{ state?: string }> }) {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const state = parseState((await searchParams).state);
  const [t, format, jobs, counts, schedules] = await Promise.all([
    getTranslations("adminJobs"),
    getFormatter(),
    listJobs({ state, limit: 200 }),
    countJobsByState(),
    listCronSchedules(),
  ]);
  const when = (date: Date | null) => (date ? format.dateTime(date, "second") : "—");
  const canChange = can(viewer.role, "admin:write");
  const onInngest = getConfig().jobs === "inngest";
  const filters: { label: string; state?: JobState; count?: number }[] = [
    { label: t("filters.all") },
    ...jobStateEnum.enumValues.map((value) => ({
      label: t("state", { state: value }),
      state: value,
      count: counts[value],
    })),
  ];
  const rendered = jobs.map((job) => ({ id: job.id, state: job.state }));
  return (
    <LiveJobsProvider rendered={rendered} others={state ? "ignore" : "render"}>
      <PageHeader title={t("title")} description={onInngest ? t("descriptionInngest") : t("description")} />
      <nav className="flex flex-wrap gap-1" aria-label={t("filters.label")}>
        {filters.map((filter) => (
          <Link
            key={filter.label}
            href={filter.state ? `/admin/jobs?state=${filter.state}` : "/admin/jobs"}
            aria-current={filter.state === state ? "page" : undefined}
            className={cn(
              "rounded-md px-3 py-1.5 text-sm capitalize hover:bg-accent",
              filter.state === state ? "bg-accent font-medium" : "text-muted-foreground",
            )}
          >
            {filter.label}
            {filter.count !== undefined && (
              <span className="ms-1 tabular-nums">{t("filters.count", { count: filter.count })}</span>
            )}
          </Link>
        ))}
      </nav>
      {jobs.length === 0 ? (
        <EmptyState icon={ListChecks} title={state ? t("empty.titleState", { state }) : t("empty.title")}>
          {state ? t("empty.bodyState") : t("empty.body")}
        </EmptyState>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("table.job")}</TableHead>
              <TableHead>{t("table.state")}</TableHead>
              <TableHead>{t("table.attempts")}</TableHead>
              <TableHead>{t("table.progress")}</TableHead>
              <TableHead>{t("table.error")}</TableHead>
              <TableHead>{t("table.created")}</TableHead>
              <TableHead>{t("table.finished")}</TableHead>
              <TableHead className="text-end">{t("table.action")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {jobs.map((job) => (
              <TableRow key={job.id} data-testid={`job-row-${job.id}`}>
                <TableCell>
                  <div className="font-mono text-xs font-medium">{job.functionId}</div>
                  <div className="text-xs text-muted-foreground">{job.eventName}</div>
                </TableCell>
                <TableCell>
                  <LiveJobState id={job.id} state={job.state} runAfter={job.runAfter} />
                </TableCell>
                <TableCell className="tabular-nums">
                  <LiveJobAttempts id={job.id} attempts={job.attempts} maxAttempts={job.maxAttempts} />
                </TableCell>
                <TableCell>
                  <LiveJobProgress id={job.id} percent={job.progressPercent} message={job.progressMessage} />
                </TableCell>
                <TableCell className="max-w-xs truncate text-xs" title={job.error ?? undefined}>
                  {job.error ?? "—"}
                </TableCell>
                <TableCell className="font-mono text-xs">{when(job.createdAt)}</TableCell>
                <TableCell className="font-mono text-xs">{when(job.finishedAt)}</TableCell>
                <TableCell>
                  {job.state === "failed" && (
                    <JobControlButton jobId={job.id} control="retry" canChange={canChange} />
                  )}
                  {job.state === "queued" && (
                    <JobControlButton jobId={job.id} control="cancel" canChange={canChange} />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {!onInngest && schedules.length > 0 && (
        <section className="flex flex-col gap-2">
          <h2 className="text-lg font-semibold">{t("schedules.title")}</h2>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("schedules.job")}</TableHead>
                <TableHead>{t("schedules.cron")}</TableHead>
                <TableHead>{t("schedules.lastFired")}</TableHead>
                <TableHead>{t("schedules.nextRun")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {schedules.map((schedule) => (
                <TableRow key={schedule.functionId}>
                  <TableCell className="font-mono text-xs">{schedule.functionId}</TableCell>
                  <TableCell className="font-mono text-xs">{schedule.cron}</TableCell>
                  <TableCell className="font-mono text-xs">{when(schedule.lastRunAt)}</TableCell>
                  <TableCell className="font-mono text-xs">{when(schedule.nextRunAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      )}
    </LiveJobsProvider>
  );
}
