import { describe, expect, it, vi } from "vitest";
import { isProxmoxError, isTransient, ProxmoxError } from "@/lib/proxmox/errors";

describe("recognising a Proxmox error", () => {
  it("works for an error made by a second copy of the module, as a second bundle would make it", async () => {
    vi.resetModules();
    const copy = await import("@/lib/proxmox/errors");
    const foreign = new copy.ProxmoxError({
      kind: "server",
      message: "x",
      status: 500,
      reason: "VM 1 not running",
    });
    expect(copy.ProxmoxError).not.toBe(ProxmoxError);
    expect(foreign instanceof ProxmoxError).toBe(false);
    expect(isProxmoxError(foreign)).toBe(true);
    expect(isProxmoxError(new Error("VM 1 not running"))).toBe(false);
    expect(isProxmoxError({ isProxmoxError: true })).toBe(false);
    expect(isProxmoxError(null)).toBe(false);
  });

  it("calls only the network, timeouts and unreachable nodes (59x) transient, never a 500", () => {
    const of = (kind: ProxmoxError["kind"], status?: number) =>
      new ProxmoxError({ kind, message: kind, status });
    expect(isTransient(of("connection"))).toBe(true);
    expect(isTransient(of("timeout"))).toBe(true);
    expect(isTransient(of("proxy", 595))).toBe(true);
    expect(isTransient(of("server", 500))).toBe(false);
    expect(isTransient(of("bad-request", 400))).toBe(false);
    expect(isTransient(of("task-failed"))).toBe(false);
    expect(isTransient(new Error("ECONNRESET"))).toBe(false);
  });
});
