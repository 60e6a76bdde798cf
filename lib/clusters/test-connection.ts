import "server-only";
import { type ClusterConfigInput, isProxmoxError, ProxmoxClient, type ProxmoxErrorKind } from "@/lib/proxmox";
import { formatPveum } from "@/lib/proxmox/pveum";
import { clusterPrivilegeReport } from "./privilege-report";

export interface PrivilegeGap {
  feature: string;
  path: string;
  missing: string[];
  /** The pveum commands that grant them, one per line. */
  fix: string[];
}

export type ConnectionTest =
  | {
      reachable: true;
      version: string;
      release: string;
      nodes: { name: string; online: boolean }[];
      /** What the token lacks for the portal's features on this cluster; empty when nothing does. */
      missingPrivileges: PrivilegeGap[];
    }
  | { reachable: false; problem: string; detail: string };

const TIMEOUT_MS = 5_000;

const problems: Partial<Record<ProxmoxErrorKind, string>> = {
  tls: "The cluster's certificate is not the one expected (fingerprint, CA or public CAs); no credentials were sent.",
  auth: "Proxmox refused the API token: check the token id and secret.",
  forbidden:
    "The token was accepted but lacks privileges: follow docs/proxmox-setup.md, giving each ACL to the user and the token.",
  connection: "The cluster is unreachable: check the URL, the port (usually 8006) and the firewall.",
  timeout: `The cluster did not answer within ${TIMEOUT_MS / 1000} seconds.`,
  proxy: "Proxmox answered, but could not reach its nodes.",
};

/** Asks the cluster for its version and nodes with these settings, once, without retries. */
export async function testConnection(cluster: ClusterConfigInput): Promise<ConnectionTest> {
  const client = new ProxmoxClient(cluster, { timeoutMs: TIMEOUT_MS, readRetries: 0 });
  try {
    const version = await client.version();
    const nodes = await client.nodes();
    const report = await clusterPrivilegeReport(cluster.id, client);
    return {
      reachable: true,
      version: version.version,
      release: version.release,
      nodes: nodes
        .map((node) => ({ name: node.node, online: node.status === "online" }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      missingPrivileges: report.missing.map((gap) => ({
        feature: gap.feature,
        path: gap.path,
        missing: gap.missing,
        fix: gap.fix.map(formatPveum),
      })),
    };
  } catch (error) {
    if (!isProxmoxError(error)) throw error;
    return {
      reachable: false,
      problem: problems[error.kind] ?? "Proxmox answered with an error.",
      detail: error.message,
    };
  } finally {
    client.close();
  }
}
