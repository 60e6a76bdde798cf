import "server-only";
import { getDatabaseHandle } from "@/db/client";
import { allJobs } from "./definitions";
import { createEmbeddedRunner, type EmbeddedRunner } from "./embedded-runner";
import { currentRunner, setCurrentRunner } from "./runner-holder";

/**
 * Starts this process's job runner, once however often it is called. PGlite belongs to one process, so
 * every job still marked running was cut off by the last stop and resumes at once; on PostgreSQL other
 * replicas may be running them, so only claims gone stale are taken back.
 */
export async function startEmbeddedRunner(): Promise<EmbeddedRunner> {
  const existing = currentRunner();
  if (existing) return existing;
  const runner = createEmbeddedRunner({
    jobs: allJobs,
    recoverAllOnStart: getDatabaseHandle().driver === "pglite",
  });
  setCurrentRunner(runner);
  try {
    await runner.start();
  } catch (error) {
    setCurrentRunner(undefined);
    throw error;
  }
  return runner;
}

export async function stopEmbeddedRunner(options?: { timeoutMs?: number }): Promise<void> {
  const runner = currentRunner();
  if (!runner) return;
  setCurrentRunner(undefined);
  await runner.stop(options);
}
