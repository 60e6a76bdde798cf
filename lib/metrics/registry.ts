import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

// On globalThis: Next loads a module once per bundle and again on every hot reload, and prom-client
// refuses a second metric of the same name; every copy must fill the one registry the endpoint reads.
const holder = globalThis as unknown as { roostMetricsRegistry?: Registry };

export function metricsRegistry(): Registry {
  if (!holder.roostMetricsRegistry) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    holder.roostMetricsRegistry = registry;
  }
  return holder.roostMetricsRegistry;
}

interface MetricShape<L extends string> {
  name: string;
  help: string;
  labelNames: readonly L[];
}

export function counter<L extends string>(shape: MetricShape<L>): Counter<L> {
  const registry = metricsRegistry();
  const existing = registry.getSingleMetric(shape.name);
  if (existing) return existing as Counter<L>;
  return new Counter({ ...shape, registers: [registry] });
}

export function histogram<L extends string>(shape: MetricShape<L> & { buckets: number[] }): Histogram<L> {
  const registry = metricsRegistry();
  const existing = registry.getSingleMetric(shape.name);
  if (existing) return existing as Histogram<L>;
  return new Histogram({ ...shape, registers: [registry] });
}
