"use client";

import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useMemo, useRef } from "react";
import type { LiveJobView } from "@/lib/live/job-view";
import { LiveStore, useLiveEntry } from "./live-store";

export interface LiveJobsOptions {
  /** The jobs the page rendered, with the state its row's controls were drawn for. */
  rendered: { id: string; state: LiveJobView["state"] }[];
  /** A filtered list leaves out jobs it did not render; an unfiltered one renders again to show them. */
  others: "render" | "ignore";
}

type LiveJobStore = LiveStore<LiveJobView>;
const LiveJobsContext = createContext<LiveJobStore | null>(null);
export const LiveJobsStoreProvider = LiveJobsContext.Provider;

/**
 * The admin jobs page's one EventSource: progress lands in place; a job in a new state (its controls
 * change) or a new job renders the page once more.
 */
export function useLiveJobsStream({ rendered, others }: LiveJobsOptions): LiveJobStore {
  const router = useRouter();
  const store = useMemo(() => new LiveStore<LiveJobView>(), []);
  const renderedById = useRef(new Map<string, string>());
  const refreshing = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    renderedById.current = new Map(rendered.map((job) => [job.id, job.state]));
    if (refreshing.current) clearTimeout(refreshing.current);
    refreshing.current = null;
  }, [rendered]);

  useEffect(() => {
    const needsRender = (job: LiveJobView) => {
      const state = renderedById.current.get(job.id);
      return state === undefined ? others === "render" : state !== job.state;
    };
    const refreshOnce = () => {
      refreshing.current ??= setTimeout(() => router.refresh(), 500);
    };
    const source = new EventSource("/api/live?scope=admin&topic=jobs");
    source.addEventListener("snapshot", (event) => {
      const { jobs } = JSON.parse((event as MessageEvent<string>).data) as { jobs: LiveJobView[] };
      store.set(jobs, true);
      // Only jobs the page drew can be out of date here; older ones beyond the snapshot are not news.
      if (jobs.some((job) => renderedById.current.has(job.id) && needsRender(job))) refreshOnce();
    });
    source.addEventListener("job", (event) => {
      const job = JSON.parse((event as MessageEvent<string>).data) as LiveJobView;
      store.set([job]);
      if (needsRender(job)) refreshOnce();
    });
    return () => {
      source.close();
      if (refreshing.current) clearTimeout(refreshing.current);
    };
  }, [others, store, router]);
  return store;
}

export function useLiveJob(id: string): LiveJobView | undefined {
  return useLiveEntry(useContext(LiveJobsContext), id);
}
