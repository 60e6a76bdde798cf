import type { AnyJobDefinition } from "./define-job";

// On globalThis: Next loads this module once per bundle, and every bundle must see the same jobs.
const holder = globalThis as unknown as { roostJobRegistry?: Map<string, AnyJobDefinition> };

function registry(): Map<string, AnyJobDefinition> {
  holder.roostJobRegistry ??= new Map();
  return holder.roostJobRegistry;
}

/** Makes jobs known to enqueue() and the embedded runner. A reloaded definition replaces the old one. */
export function registerJobs(definitions: AnyJobDefinition[]): void {
  for (const definition of definitions) registry().set(definition.id, definition);
}

/** The ids of the known jobs that run on a schedule. */
export function cronJobIds(): string[] {
  return [...registry().values()]
    .filter((definition) => "cron" in definition.trigger)
    .map((definition) => definition.id);
}

export function jobsTriggeredBy(eventName: string): AnyJobDefinition[] {
  return [...registry().values()].filter(
    (definition) => "event" in definition.trigger && definition.trigger.event.name === eventName,
  );
}
