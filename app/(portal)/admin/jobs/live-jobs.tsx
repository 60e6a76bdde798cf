"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { JobState } from "@/db/schema";
import {
  type LiveJobsOptions,
  LiveJobsStoreProvider,
  useLiveJob,
  useLiveJobsStream,
} from "@/hooks/use-live-jobs";
import { JobProgress } from "./job-progress";
import { JobStateBadge } from "./job-state-badge";

export function LiveJobsProvider({ children, ...options }: LiveJobsOptions & { children: ReactNode }) {
  const store = useLiveJobsStream(options);
  return <LiveJobsStoreProvider value={store}>{children}</LiveJobsStoreProvider>;
}

export function LiveJobState({ id, state, runAfter }: { id: string; state: JobState; runAfter: Date }) {
  const job = useLiveJob(id);
  return <JobStateBadge state={job?.state ?? state} waitingUntil={job ? new Date(job.runAfter) : runAfter} />;
}

export function LiveJobAttempts({
  id,
  attempts,
  maxAttempts,
}: {
  id: string;
  attempts: number;
  maxAttempts: number;
}) {
  const t = useTranslations("adminJobs");
  const job = useLiveJob(id);
  return t("attemptsOf", { attempts: job?.attempts ?? attempts, max: job?.maxAttempts ?? maxAttempts });
}

export function LiveJobProgress({
  id,
  percent,
  message,
}: {
  id: string;
  percent: number | null;
  message: string | null;
}) {
  const job = useLiveJob(id);
  return (
    <JobProgress
      percent={job ? job.progressPercent : percent}
      message={job ? job.progressMessage : message}
    />
  );
}
