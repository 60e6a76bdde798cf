import "server-only";
import type { Executor } from "@/db/client";
import { getVmStanding, type VmStanding } from "@/db/queries/vm-access";
import type { Role, Vm } from "@/db/schema";
import { forbidden, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { can } from "./permissions";
import { recordShareUse } from "./share-use";

/** Everything a person can do to a VM, each checked by `authorizeVm`. */
export const vmActions = [
  "view",
  "power",
  "console",
  "snapshot",
  "renew",
  "backup",
  "media",
  "resize",
  "restore",
  "delete",
  "share",
  "transfer",
] as const;
export type VmAction = (typeof vmActions)[number];

/** Why a person may touch a VM; one person can stand in several ways, and the most generous wins. */
export type VmRelation =
  | "admin"
  | "auditor"
  | "owner"
  | "project-owner"
  | "project-creator"
  | "project-operator"
  | "project-viewer"
  | "shared-operator"
  | "shared-viewer"
  | "teacher";

const everything: readonly VmAction[] = vmActions;
const operate: readonly VmAction[] = ["view", "power", "console", "snapshot", "renew", "backup"];
const see: readonly VmAction[] = ["view"];

const grants: Record<VmRelation, readonly VmAction[]> = {
  admin: everything,
  auditor: see,
  owner: everything,
  "project-owner": everything,
  // An operator who made a project VM manages it (resize, media, restore, delete), but shares and moves
  // of the project's VMs stay with the project's owners.
  "project-creator": everything.filter((action) => action !== "share" && action !== "transfer"),
  "project-operator": operate,
  "project-viewer": see,
  "shared-operator": operate,
  "shared-viewer": see,
  // A class's teacher runs its VMs with the students (start them, open consoles, reset to the baseline,
  // keep them to the end of term) but does not take them apart or hand them on.
  teacher: ["view", "power", "console", "snapshot", "renew"],
};

/** The person as the rule needs them; an API token without admin scopes passes the role "member". */
export interface Person {
  id: string;
  role: Role;
}

export interface VmAccess {
  vm: Vm;
  relations: VmRelation[];
  actions: ReadonlySet<VmAction>;
}

/** How a person stands to a VM, from the rows `getVmStanding` read. Pure: the matrix test runs it. */
export function accessFromStanding(person: Person, standing: VmStanding): VmAccess {
  const { vm, projectRole, shareRole } = standing;
  const relations: VmRelation[] = [];
  if (can(person.role, "admin:write")) relations.push("admin");
  else if (can(person.role, "admin:read")) relations.push("auditor");
  if (vm.projectId === null && vm.ownerId === person.id) relations.push("owner");
  if (vm.projectId !== null && projectRole === "owner") relations.push("project-owner");
  if (vm.projectId !== null && projectRole === "operator")
    relations.push(vm.ownerId === person.id ? "project-creator" : "project-operator");
  if (vm.projectId !== null && projectRole === "viewer") relations.push("project-viewer");
  if (shareRole === "operator") relations.push("shared-operator");
  if (shareRole === "viewer") relations.push("shared-viewer");
  if (standing.cohortTeacherId === person.id) relations.push("teacher");
  return { vm, relations, actions: new Set(relations.flatMap((relation) => grants[relation])) };
}

/** How a person stands to a VM now, or null when the VM does not exist. */
export async function vmAccess(
  person: Person,
  vmId: string,
  options: { now?: Date; db?: Executor } = {},
): Promise<VmAccess | null> {
  if (!/^[0-9a-f-]{36}$/i.test(vmId)) return null;
  const standing = await getVmStanding({ vmId, userId: person.id, now: options.now }, options.db);
  return standing ? accessFromStanding(person, standing) : null;
}

/** Whether a share, and no other standing, is what lets the person do this; seeing is not a use. */
export function grantedOnlyByShare(access: VmAccess, action: VmAction): boolean {
  if (action === "view" || !access.actions.has(action)) return false;
  const granting = access.relations.filter((relation) => grants[relation].includes(action));
  return granting.every((relation) => relation === "shared-operator" || relation === "shared-viewer");
}

/**
 * The one rule: may this person do this to this VM. Answers the VM when they may; a VM they cannot see
 * is not found (its existence is nobody else's business), one they see but may not act on is forbidden.
 * An act only a share allows is recorded as the share's use.
 */
export async function authorizeVm(
  person: Person,
  vmId: string,
  action: VmAction,
  options: { now?: Date; db?: Executor } = {},
): Promise<Vm> {
  const access = await vmAccess(person, vmId, options);
  if (!access?.actions.has("view")) throw notFound(message("errors.vm.noSuchVm"));
  if (!access.actions.has(action)) throw forbidden(message("errors.access.actionRefused", { action }));
  if (grantedOnlyByShare(access, action))
    await recordShareUse({ personId: person.id, vmId: access.vm.id, action }, options.now);
  return access.vm;
}

/** Whether the person may; for pages deciding which buttons to show. */
export const allows = (access: VmAccess | null, action: VmAction): boolean =>
  access?.actions.has(action) ?? false;
