import type { EmbeddedRunner } from "./embedded-runner";

// One runner per process, shared by every bundle Next loads (instrumentation, routes, actions).
const holder = globalThis as unknown as { roostJobRunner?: EmbeddedRunner };

export function currentRunner(): EmbeddedRunner | undefined {
  return holder.roostJobRunner;
}

export function setCurrentRunner(runner: EmbeddedRunner | undefined): void {
  holder.roostJobRunner = runner;
}
