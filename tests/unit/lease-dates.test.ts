import { describe, expect, it } from "vitest";
import { daysLeft, deleteDate, initialLeaseEnd, renewedLeaseEnd } from "@/lib/leases/lease-dates";

const now = new Date("2026-11-22T12:00:00Z");
const policy = { lengthDays: 90, maxDays: 120 };

describe("lease dates", () => {
  it("give a new VM one lease length", () => {
    expect(initialLeaseEnd(policy, now).toISOString()).toBe("2027-02-20T12:00:00.000Z");
  });

  it("renew to one lease length from now, capped by the furthest a renewal may reach", () => {
    expect(renewedLeaseEnd(new Date("2026-11-25T00:00:00Z"), policy, now).toISOString()).toBe(
      "2027-02-20T12:00:00.000Z",
    );
    expect(renewedLeaseEnd(null, { lengthDays: 200, maxDays: 30 }, now).toISOString()).toBe(
      "2026-12-22T12:00:00.000Z",
    );
  });

  it("never shorten a lease that already reaches further", () => {
    const far = new Date("2027-05-01T00:00:00Z");
    expect(renewedLeaseEnd(far, policy, now)).toEqual(far);
  });

  it("count whole days left, rounding up", () => {
    expect(daysLeft(new Date("2026-11-23T11:00:00Z"), now)).toBe(1);
    expect(daysLeft(new Date("2026-11-22T11:00:00Z"), now)).toBe(0);
  });
});

describe("a lease's delete date", () => {
  it("is the grace period after the lease ends", () => {
    expect(deleteDate(new Date("2026-12-01T15:00:00Z"), { graceDays: 7 }).toISOString()).toBe(
      "2026-12-08T15:00:00.000Z",
    );
  });
});
