import type { PrivilegeFlags } from "./access";
import type { PveumCommand } from "./pveum";

/**
 * What the portal needs of Proxmox, by privilege and path: the single source for the setup guide (whose
 * commands a test replays and compares with this), the demo's own token, and the check that tells admins
 * what a cluster's token lacks. Privileges per call come from the `permissions` of each method in PVE's
 * API schema, and qemu-server's per-option checks.
 */
export const PORTAL_ROLE = "RoostPortal";
export const TEMPLATE_ROLE = "RoostTemplate";
export const BACKUP_ROLE = "RoostBackup";

export type PveMajor = 8 | 9;

const vmPrivileges = [
  "VM.Audit",
  "VM.Allocate",
  "VM.Config.CPU",
  "VM.Config.Memory",
  "VM.Config.Disk",
  "VM.Config.CDROM",
  "VM.Config.Network",
  "VM.Config.Cloudinit",
  "VM.Config.HWType",
  "VM.Config.Options",
  "VM.PowerMgmt",
  "VM.Console",
  "VM.Snapshot",
  "VM.Snapshot.Rollback",
  "VM.Backup",
];
/** Reading the guest agent's addresses: PVE 9 split VM.Monitor into VM.GuestAgent.* privileges. */
const agentPrivilege: Record<PveMajor, string> = { 8: "VM.Monitor", 9: "VM.GuestAgent.Audit" };
const poolPrivileges = ["Pool.Audit", "Pool.Allocate"];
const storagePrivileges = ["Datastore.Audit", "Datastore.AllocateSpace"];
const nodePrivileges = ["Sys.Audit"];
const networkPrivileges = ["SDN.Use"];
export const templatePrivileges = ["VM.Audit", "VM.Clone"];
/**
 * The portal keeps deleted VMs' backups, restores them and removes them when their time is up; the VM they
 * came from is gone, so the privileges the member's pool gives no longer reach them. Reading and restoring
 * a backup takes Datastore.Allocate on its storage (pve-storage Storage.pm check_volume_access); removing
 * one takes VM.Backup on the VM id it came from (pve-storage API2/Storage/Content.pm delete), hence on /vms.
 */
export const backupStoragePrivileges = ["Datastore.Audit", "Datastore.AllocateSpace", "Datastore.Allocate"];
export const backupRolePrivileges = [...backupStoragePrivileges, "VM.Backup"];

export function portalPrivileges(major: PveMajor): string[] {
  return [
    ...nodePrivileges,
    ...storagePrivileges,
    ...poolPrivileges,
    ...networkPrivileges,
    ...vmPrivileges,
    agentPrivilege[major],
  ];
}

/** `9.1` → 9; anything before 9 is treated as 8, the oldest release the portal supports. */
export function pveMajor(release: string): PveMajor {
  return Number.parseInt(release, 10) >= 9 ? 9 : 8;
}

/** The pool path that stands for every member's pool: a new `roost-…` pool gets what `/pool` propagates. */
export const MEMBER_POOL_PROBE = "/pool/roost-";

export interface PortalAccessOptions {
  major: PveMajor;
  userid: string;
  /** The token's name, the part after `!`. */
  tokenName: string;
  templateVmids: number[];
}

export function tokenIdOf(options: Pick<PortalAccessOptions, "userid" | "tokenName">): string {
  return `${options.userid}!${options.tokenName}`;
}

/**
 * The guide's steps: two roles, a user, a privilege-separated token, and each ACL given to both the user
 * and the token (a separated token only keeps what its user also holds: pve-access-control
 * RPCEnvironment.pm, "intersect user and token permissions").
 */
export function portalAccessPlan(options: PortalAccessOptions): PveumCommand[] {
  const subjects = { users: [options.userid], tokens: [tokenIdOf(options)] };
  const grant = (path: string, role: string): PveumCommand => ({
    kind: "acl-modify",
    path,
    roles: [role],
    ...subjects,
  });
  return [
    { kind: "role-add", roleid: PORTAL_ROLE, privs: portalPrivileges(options.major) },
    { kind: "role-add", roleid: TEMPLATE_ROLE, privs: templatePrivileges },
    { kind: "role-add", roleid: BACKUP_ROLE, privs: backupRolePrivileges },
    { kind: "user-add", userid: options.userid, comment: "Roost portal (API token only)" },
    {
      kind: "token-add",
      userid: options.userid,
      tokenid: options.tokenName,
      privsep: true,
      comment: "Roost portal",
    },
    grant("/pool", PORTAL_ROLE),
    ...options.templateVmids.map((vmid) => grant(`/vms/${vmid}`, TEMPLATE_ROLE)),
    grant("/storage", PORTAL_ROLE),
    grant("/nodes", PORTAL_ROLE),
    grant("/sdn/zones/localnetwork", PORTAL_ROLE),
  ];
}

/**
 * The guide's optional grant: the portal's role on every VM, so admins can adopt and operate VMs the
 * portal did not make (the ignored-pools setting still keeps it away from chosen pools).
 */
export function adoptAnyVmGrant(options: Pick<PortalAccessOptions, "userid" | "tokenName">): PveumCommand {
  return {
    kind: "acl-modify",
    path: "/vms",
    roles: [PORTAL_ROLE],
    users: [options.userid],
    tokens: [tokenIdOf(options)],
  };
}

/** The guide's grant for each storage admins approve for backups. */
export function backupStorageGrant(
  options: Pick<PortalAccessOptions, "userid" | "tokenName">,
  storage: string,
): PveumCommand {
  return {
    kind: "acl-modify",
    path: `/storage/${storage}`,
    roles: [BACKUP_ROLE],
    users: [options.userid],
    tokens: [tokenIdOf(options)],
  };
}

/** With backups: VM.Backup on every VM id, for removing the backups of VMs that are gone. */
export function backupVmsGrant(options: Pick<PortalAccessOptions, "userid" | "tokenName">): PveumCommand {
  return {
    kind: "acl-modify",
    path: "/vms",
    roles: [BACKUP_ROLE],
    users: [options.userid],
    tokens: [tokenIdOf(options)],
  };
}

export interface PrivilegeRequirement {
  feature: string;
  path: string;
  privileges: string[];
  /** The role whose ACL on `grantPath` provides them in the guide. */
  role: string;
  grantPath: string;
}

export interface PortalPaths {
  major: PveMajor;
  nodes: string[];
  templateVmids: number[];
  storages: string[];
  networks: { bridge: string; vlan: number | null }[];
  backupStorages?: string[];
}

/** Every (path, privileges) the portal's features need on a cluster, from what admins approved there. */
export function portalRequirements(paths: PortalPaths): PrivilegeRequirement[] {
  return [
    ...paths.nodes.map((node) => ({
      feature: "placement and node status",
      path: `/nodes/${node}`,
      privileges: nodePrivileges,
      role: PORTAL_ROLE,
      grantPath: "/nodes",
    })),
    {
      feature: "members' pools and the VMs in them",
      path: MEMBER_POOL_PROBE,
      privileges: [...poolPrivileges, ...vmPrivileges, agentPrivilege[paths.major]],
      role: PORTAL_ROLE,
      grantPath: "/pool",
    },
    ...paths.templateVmids.map((vmid) => ({
      feature: `cloning template ${vmid}`,
      path: `/vms/${vmid}`,
      privileges: templatePrivileges,
      role: TEMPLATE_ROLE,
      grantPath: `/vms/${vmid}`,
    })),
    ...paths.storages.map((storage) => ({
      feature: `disks and ISOs on storage ${storage}`,
      path: `/storage/${storage}`,
      privileges: storagePrivileges,
      role: PORTAL_ROLE,
      grantPath: "/storage",
    })),
    ...(paths.backupStorages?.length
      ? [
          {
            feature: "removing deleted VMs' backups",
            path: "/vms",
            privileges: ["VM.Backup"],
            role: BACKUP_ROLE,
            grantPath: "/vms",
          },
        ]
      : []),
    ...(paths.backupStorages ?? []).map((storage) => ({
      feature: `members' backups on storage ${storage}`,
      path: `/storage/${storage}`,
      privileges: backupStoragePrivileges,
      role: BACKUP_ROLE,
      grantPath: `/storage/${storage}`,
    })),
    ...paths.networks.map(({ bridge, vlan }) => ({
      feature: `attaching VMs to ${bridge}${vlan ? ` VLAN ${vlan}` : ""}`,
      path: `/sdn/zones/localnetwork/${bridge}${vlan ? `/${vlan}` : ""}`,
      privileges: networkPrivileges,
      role: PORTAL_ROLE,
      grantPath: "/sdn/zones/localnetwork",
    })),
  ];
}

export interface MissingPrivileges {
  feature: string;
  path: string;
  missing: string[];
  /** The commands that grant them, for an admin to run on a node. */
  fix: PveumCommand[];
}

/** What each requirement lacks, given the token's effective privileges per path, with the fix. */
export function missingPrivileges(
  requirements: PrivilegeRequirement[],
  held: Record<string, PrivilegeFlags>,
  tokenId: string,
): MissingPrivileges[] {
  const userid = tokenId.split("!")[0]!;
  return requirements.flatMap((requirement) => {
    const have = held[requirement.path] ?? {};
    const missing = requirement.privileges.filter((privilege) => !(privilege in have));
    if (missing.length === 0) return [];
    return [
      {
        feature: requirement.feature,
        path: requirement.path,
        missing,
        fix: [
          { kind: "role-modify", roleid: requirement.role, privs: missing, append: true },
          {
            kind: "acl-modify",
            path: requirement.grantPath,
            roles: [requirement.role],
            users: [userid],
            tokens: [tokenId],
          },
        ],
      },
    ];
  });
}
