import { counter } from "./registry";

const actions = () =>
  counter({
    name: "roost_lease_actions_total",
    help: "Lease actions by kind (renewed, expired, warned, …)",
    labelNames: ["action"],
  });

export function countLeaseAction(action: string): void {
  actions().inc({ action });
}
