import { getConfig } from "@/lib/config";

/** How often each process asks each cluster for its guests' states: pvestatd's 10 s unless configured. */
export function statusPeriodMs(): number {
  return getConfig().ROOST_STATUS_PERIOD_MS;
}
