import type { ProxmoxClient } from "./client";
import {
  type MissingPrivileges,
  missingPrivileges,
  type PortalPaths,
  type PveMajor,
  portalRequirements,
  pveMajor,
} from "./portal-access";

export interface PrivilegeReport {
  major: PveMajor;
  tokenId: string;
  /** Empty when the token holds everything the portal's features need on this cluster. */
  missing: MissingPrivileges[];
}

/**
 * Asks Proxmox what the portal's own token may do (`GET /access/permissions`, one path at a time, so PVE
 * itself applies propagation, pool membership and the token ∩ user rule) on every path the portal uses,
 * and names what each feature lacks.
 */
export async function checkPortalPrivileges(
  client: ProxmoxClient,
  paths: Omit<PortalPaths, "major" | "nodes"> & { nodes?: string[] },
): Promise<PrivilegeReport> {
  const [version, nodes] = await Promise.all([
    client.version(),
    paths.nodes ? Promise.resolve(paths.nodes) : client.nodes().then((list) => list.map((node) => node.node)),
  ]);
  const major = pveMajor(version.release);
  const requirements = portalRequirements({ ...paths, major, nodes });
  const unique = [...new Set(requirements.map((requirement) => requirement.path))];
  const held = Object.fromEntries(
    await Promise.all(unique.map(async (path) => [path, await client.access.permissionsOn(path)] as const)),
  );
  const tokenId = client.cluster.tokenId;
  return { major, tokenId, missing: missingPrivileges(requirements, held, tokenId) };
}
