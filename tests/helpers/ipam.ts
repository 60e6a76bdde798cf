import { execFileSync } from "node:child_process";
import { getDb } from "@/db/client";
import { insertPool } from "@/db/queries/ip-pools";
import { networks } from "@/db/schema";

/** An approved network with an IP pool on it; the range is small so tests can fill it. */
export async function createTestPool({
  clusterId = "sim",
  vlan,
  cidr = "10.20.0.0/24",
  gateway = "10.20.0.1",
  rangeStart = "10.20.0.10",
  rangeEnd = "10.20.0.19",
  domain = "lab.example.org",
  dnsServers = ["10.20.0.2"],
}: {
  clusterId?: string;
  vlan: number;
  cidr?: string;
  gateway?: string | null;
  rangeStart?: string;
  rangeEnd?: string;
  domain?: string;
  dnsServers?: string[];
}) {
  const [network] = await getDb()
    .insert(networks)
    .values({ clusterId, bridge: "vmbr1", vlan, label: `VLAN ${vlan}` })
    .returning();
  const pool = await insertPool({
    networkId: network!.id,
    cidr,
    gateway,
    rangeStart,
    rangeEnd,
    dnsServers,
    domain,
  });
  return { network: network!, pool };
}

/**
 * The path of a system tool the exports are checked with, or null. Outside CI a missing tool skips its
 * check; in CI (CI=true, .ci/run installs them) a missing tool is a failure, not a silent skip.
 */
export function findTool(name: string): string | null {
  try {
    return (
      execFileSync("sh", ["-c", `command -v ${name} || PATH=$PATH:/usr/sbin:/sbin command -v ${name}`], {
        encoding: "utf8",
      }).trim() || null
    );
  } catch {
    return null;
  }
}

export const mustRunToolChecks = process.env.CI === "true" || process.env.CI === "1";
