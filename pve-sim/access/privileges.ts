/**
 * Privileges and built-in roles as pve-access-control defines them (`src/PVE/AccessControl.pm`:
 * `$privgroups`, `create_roles`): 8.x from stable-bookworm (8.2.3), 9.x from master (9.1.1). 9.x drops
 * `VM.Monitor` and adds `VM.GuestAgent.*` and `VM.Replicate`.
 */
export type PveVersion = "8.4" | "9.1";

interface PrivGroup {
  root: string[];
  admin: string[];
  user: string[];
  audit: string[];
}

const common: Record<string, PrivGroup> = {
  Sys: {
    root: ["Sys.PowerMgmt", "Sys.Modify", "Sys.Incoming", "Sys.AccessNetwork"],
    admin: ["Sys.Console", "Sys.Syslog"],
    user: [],
    audit: ["Sys.Audit"],
  },
  Datastore: {
    root: [],
    admin: ["Datastore.Allocate", "Datastore.AllocateTemplate"],
    user: ["Datastore.AllocateSpace"],
    audit: ["Datastore.Audit"],
  },
  SDN: { root: [], admin: ["SDN.Allocate", "SDN.Audit"], user: ["SDN.Use"], audit: ["SDN.Audit"] },
  User: {
    root: ["Realm.Allocate"],
    admin: ["User.Modify", "Group.Allocate", "Realm.AllocateUser"],
    user: [],
    audit: [],
  },
  Pool: { root: [], admin: ["Pool.Allocate"], user: ["Pool.Audit"], audit: ["Pool.Audit"] },
  Mapping: { root: [], admin: ["Mapping.Modify"], user: ["Mapping.Use"], audit: ["Mapping.Audit"] },
};

const vmAdminCommon = [
  "VM.Config.Disk",
  "VM.Config.CPU",
  "VM.Config.Memory",
  "VM.Config.Network",
  "VM.Config.HWType",
  "VM.Config.Options",
  "VM.Allocate",
  "VM.Clone",
  "VM.Migrate",
  "VM.Snapshot",
  "VM.Snapshot.Rollback",
];
const vmUserCommon = ["VM.Config.CDROM", "VM.Config.Cloudinit", "VM.Console", "VM.Backup", "VM.PowerMgmt"];

const vmGroup: Record<PveVersion, PrivGroup> = {
  "8.4": { root: [], admin: [...vmAdminCommon, "VM.Monitor"], user: vmUserCommon, audit: ["VM.Audit"] },
  "9.1": {
    root: [],
    admin: [...vmAdminCommon, "VM.GuestAgent.Unrestricted", "VM.Replicate"],
    user: [
      ...vmUserCommon,
      "VM.GuestAgent.FileRead",
      "VM.GuestAgent.FileSystemMgmt",
      "VM.GuestAgent.FileWrite",
    ],
    audit: ["VM.Audit", "VM.GuestAgent.Audit"],
  },
};

function privGroups(version: PveVersion): Record<string, PrivGroup> {
  return { VM: vmGroup[version], ...common };
}

/** Every privilege name the version knows (`$valid_privs`). */
export function validPrivileges(version: PveVersion): Set<string> {
  const valid = new Set(["Permissions.Modify"]);
  for (const group of Object.values(privGroups(version)))
    for (const priv of [...group.root, ...group.admin, ...group.user, ...group.audit]) valid.add(priv);
  return valid;
}

/** The special roles `create_roles` builds; they cannot be changed or removed. */
export function builtInRoles(version: PveVersion): Record<string, Set<string>> {
  const roles: Record<string, Set<string>> = {
    NoAccess: new Set(),
    Administrator: validPrivileges(version),
    PVEAdmin: new Set(),
    PVEAuditor: new Set(),
  };
  const add = (role: string, privs: string[]) => {
    roles[role] ??= new Set();
    for (const priv of privs) roles[role]!.add(priv);
  };
  for (const [category, group] of Object.entries(privGroups(version))) {
    add(`PVE${category}Admin`, [...group.admin, ...group.user, ...group.audit]);
    add("PVEAdmin", [...group.admin, ...group.user, ...group.audit]);
    if (group.user.length > 0) add(`PVE${category}User`, [...group.user, ...group.audit]);
    add("PVEAuditor", group.audit);
  }
  roles.PVEAdmin!.delete("Mapping.Modify");
  roles.PVETemplateUser = new Set(["VM.Clone", "VM.Audit"]);
  return roles;
}
