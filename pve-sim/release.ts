/**
 * What each simulated release reports about itself. The package versions are the heads of pve-manager's
 * stable-8 (8.4.21) and of the 9.1 line the console and RRD behaviour follow (9.1.1).
 */
export type SimRelease = "9.1" | "8.4";

export const releaseFacts = {
  "9.1": { version: "9.1.1", release: "9.1", repoid: "42d3b4b2f9b2bb3e", kernel: "6.14.11-4-pve" },
  "8.4": { version: "8.4.21", release: "8.4", repoid: "2606ac85", kernel: "6.8.12-16-pve" },
} as const satisfies Record<SimRelease, { version: string; release: string; repoid: string; kernel: string }>;

/** `/version` and `/nodes/{node}/version` (pve-manager PVE/API2/Nodes.pm `version`, API2.pm `version`). */
export function versionAnswer(release: SimRelease) {
  const facts = releaseFacts[release];
  return { version: facts.version, release: facts.release, repoid: facts.repoid };
}
