import { ListChecks } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listCronSchedules } from "@/db/queries/cron-schedules";
import { countJobsByState, listJobs } from "@/db/queries/jobs";
import { type JobState, jobStateEnum } from "@/db/schema";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { getConfig } from "@/lib/config";
import { formatSecond } from "@/lib/format";
import { cn } from "@/lib/utils";
import { JobControlButton } from "./job-control-button";
import { JobProgress } from "./job-progress";
import { JobStateBadge } from "./job-state-badge";

export const metadata: Metadata = { title: "Jobs" };

function when(date: Date | null): string {
  return date ? formatSecond(date) : "—";
}

function parseState(value: string | undefined): JobState | undefined {
  return jobStateEnum.enumValues.find((state) => state === value);
}

export default async function JobsPage({ searchParams }: { searchParams: Promise<{ state?: string }> }) {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const state = parseState((await searchParams).state);
  const [jobs, counts, schedules] = await Promise.all([
    listJobs({ state, limit: 200 }),
    countJobsByState(),
    listCronSchedules(),
  ]);
  const canChange = can(viewer.role, "admin:write");
  const onInngest = getConfig().jobs === "inngest";
  const filters: { label: string; state?: JobState; count?: number }[] = [
    { label: "All" },
    ...jobStateEnum.enumValues.map((value) => ({ label: value, state: value, count: counts[value] })),
  ];
  return (
    <>
      <PageHeader
        title="Jobs"
        description={
          onInngest
            ? "Background work runs on Inngest; its dashboard shows the runs. Jobs listed here ran inside the portal before."
            : "Background work the portal runs itself: VM provisioning, lease sweeps, reconciliation and housekeeping."
        }
      />
      <nav className="flex flex-wrap gap-1" aria-label="Filter by state">
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
            {filter.count !== undefined && <span className="ml-1 tabular-nums">({filter.count})</span>}
          </Link>
        ))}
      </nav>
      {jobs.length === 0 ? (
        <EmptyState icon={ListChecks} title={state ? `No ${state} jobs` : "No jobs yet"}>
          {state ? "Pick another state above." : "Jobs appear here when the portal starts background work."}
        </EmptyState>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Job</TableHead>
              <TableHead>State</TableHead>
              <TableHead>Attempts</TableHead>
              <TableHead>Progress</TableHead>
              <TableHead>Error</TableHead>
              <TableHead>Created (UTC)</TableHead>
              <TableHead>Finished (UTC)</TableHead>
              <TableHead className="text-right">Action</TableHead>
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
                  <JobStateBadge state={job.state} waitingUntil={job.runAfter} />
                </TableCell>
                <TableCell className="tabular-nums">
                  {job.attempts} / {job.maxAttempts}
                </TableCell>
                <TableCell>
                  <JobProgress percent={job.progressPercent} message={job.progressMessage} />
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
          <h2 className="text-lg font-semibold">Schedules</h2>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Job</TableHead>
                <TableHead>Cron</TableHead>
                <TableHead>Last fired (UTC)</TableHead>
                <TableHead>Next run (UTC)</TableHead>
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
    </>
  );
}
