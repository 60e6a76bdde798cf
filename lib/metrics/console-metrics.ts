import { counter } from "./registry";

const issued = () =>
  counter({
    name: "roost_console_tickets_issued_total",
    help: "Console tickets handed to browsers",
    labelNames: [],
  });

const redemptions = () =>
  counter({
    name: "roost_console_ticket_redemptions_total",
    help: "Console tickets presented by a relay, by result (ok, unknown, used, expired, limit)",
    labelNames: ["result"],
  });

export function countConsoleTicketIssued(): void {
  issued().inc();
}

export function countConsoleTicketRedemption(result: "ok" | "unknown" | "used" | "expired" | "limit"): void {
  redemptions().inc({ result });
}
