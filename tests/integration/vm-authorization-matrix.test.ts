import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { isValidElement, type ReactNode } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VmControls } from "@/app/(portal)/vms/[vmId]/vm-controls";
import { TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import {
  auditEvents,
  cohorts,
  consoleTickets,
  projectMembers,
  projects,
  templates,
  vmEvents,
  vmShares,
  vms,
} from "@/db/schema";
import type { ActionResult } from "@/lib/actions/action-result";
import { authorizeVm, type Person, type VmAction, vmAccess, vmActions } from "@/lib/authz/vm-access";
import { consoleSessionsAlive } from "@/lib/console/console-sessions";
import { hashConsoleToken } from "@/lib/console/ticket-hash";
import { isDomainError } from "@/lib/errors";
import { callApi, createTestApiToken } from "../helpers/api";
import { importApp } from "../helpers/app-surface";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestCluster, createTestVm } from "../helpers/fixtures";
import { openLiveEvents } from "../helpers/live-events";
import { actAs, createUserWithSession } from "../helpers/session";

/**
 * What each way of standing to a VM grants, as the teams contract (issue #17) writes it down. The rule in
 * lib/authz/vm-access.ts must agree with this table for every action in `vmActions`; a new action or a
 * new subject fails here until someone says what it grants.
 */
const operate: VmAction[] = ["view", "power", "console", "snapshot", "renew", "backup"];
const contract = {
  owner: [...vmActions],
  "project owner": [...vmActions],
  "project creator": vmActions.filter((action) => action !== "share" && action !== "transfer"),
  "project operator": operate,
  "project viewer": ["view"],
  "shared operator": operate,
  "shared viewer": ["view"],
  "expired share": [],
  stranger: [],
  admin: [...vmActions],
  auditor: ["view"],
  // Issue #18: the teacher of the class a VM was made for.
  teacher: ["view", "power", "console", "snapshot", "renew"],
} satisfies Record<string, VmAction[]>;
type Subject = keyof typeof contract;
const subjects = Object.keys(contract) as Subject[];

/** Which of the two VMs each subject is tried on: a personal VM, shared three ways, and a project's VM. */
const target: Record<Subject, "personal" | "project"> = {
  owner: "personal",
  "project owner": "project",
  "project creator": "project",
  "project operator": "project",
  "project viewer": "project",
  "shared operator": "personal",
  "shared viewer": "personal",
  "expired share": "personal",
  stranger: "project",
  admin: "project",
  auditor: "personal",
  teacher: "personal",
};

type Outcome = "allowed" | "forbidden" | "not-found";
type Action = (input: unknown) => Promise<ActionResult<unknown>>;

const expected = (subject: Subject, action: VmAction): Outcome =>
  (contract[subject] as VmAction[]).includes(action)
    ? "allowed"
    : (contract[subject] as VmAction[]).includes("view")
      ? "forbidden"
      : "not-found";

let database: TestDatabase;
const people = {} as Record<Subject, Awaited<ReturnType<typeof createUserWithSession>>>;
const vmIds = { personal: "", project: "" };
let projectId = "";
let actions: Record<string, Action>;
let cohortActions: Record<string, Action>;

beforeAll(async () => {
  database = await createTestDatabase();
  await createTestCluster();
  const roles: Partial<Record<Subject, "admin" | "auditor">> = { admin: "admin", auditor: "auditor" };
  for (const [index, subject] of subjects.entries())
    people[subject] = await createUserWithSession(`person${index}`, roles[subject] ?? "member");
  const db = getDb();
  const [project] = await db
    .insert(projects)
    .values({
      name: "Robotics",
      slug: "robotics",
      maxVms: 5,
      maxCores: 8,
      maxMemoryMb: 16384,
      maxDiskGb: 200,
      maxSnapshots: 5,
    })
    .returning();
  projectId = project!.id;
  await db.insert(projectMembers).values([
    { projectId, userId: people["project owner"].id, role: "owner" },
    { projectId, userId: people["project creator"].id, role: "operator" },
    { projectId, userId: people["project operator"].id, role: "operator" },
    { projectId, userId: people["project viewer"].id, role: "viewer" },
  ]);
  // No node and no VMID yet: every action stops at "not ready" right after the rule let it through, so
  // the matrix sees the rule's answer and nothing on a cluster changes.
  const unplaced = { state: "provisioning" as const, node: null, vmid: null };
  vmIds.personal = (await createTestVm({ ownerId: people.owner.id, name: "olives-vm", ...unplaced })).id;
  vmIds.project = (
    await createTestVm({ ownerId: people["project creator"].id, projectId, name: "lab-vm", ...unplaced })
  ).id;
  // The personal VM is also a class's: its student owns it, the class's teacher runs it.
  const [template] = await db
    .insert(templates)
    .values({
      clusterId: "test-cluster",
      node: "pve1",
      vmid: 9000,
      label: "Debian",
      os: "Linux",
      defaultUser: "debian",
      minDiskGb: 3,
    })
    .returning();
  const [cohort] = await db
    .insert(cohorts)
    .values({
      name: "Networks 101",
      slug: "net101",
      teacherId: people.teacher.id,
      templateId: template!.id,
      cores: 1,
      memoryMb: 1024,
      diskGb: 8,
      endsAt: new Date(Date.now() + 30 * 86_400_000),
    })
    .returning();
  await db.update(vms).set({ cohortId: cohort!.id }).where(eq(vms.id, vmIds.personal));
  const hourAgo = new Date(Date.now() - 3_600_000);
  await db.insert(vmShares).values([
    { vmId: vmIds.personal, userId: people["shared operator"].id, role: "operator" },
    { vmId: vmIds.personal, userId: people["shared viewer"].id, role: "viewer" },
    { vmId: vmIds.personal, userId: people["expired share"].id, role: "operator", expiresAt: hourAgo },
  ]);
  actions = (await importApp("app/(portal)/vms/actions.ts")) as Record<string, Action>;
  cohortActions = (await importApp("app/(portal)/cohorts/actions.ts")) as Record<string, Action>;
});
afterAll(() => database.drop());

const personOf = (subject: Subject): Person => ({ id: people[subject].id, role: people[subject].role });

function outcomeOfResult(result: ActionResult<unknown>): Outcome {
  if (!result.ok && result.status === 404) return "not-found";
  if (!result.ok && result.status === 403) return "forbidden";
  return "allowed";
}

async function outcomeOfCall(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    await call();
    return "allowed";
  } catch (error) {
    if (isDomainError(error) && error.kind === "not-found") return "not-found";
    if (isDomainError(error) && error.kind === "forbidden") return "forbidden";
    return "allowed";
  }
}

const action = (name: string, input: (vmId: string) => unknown) => async (vmId: string) =>
  outcomeOfResult(await actions[name]!(input(vmId)));

/**
 * How each action is exercised: every server action of the VM pages that acts on one VM, and the rule
 * itself for the actions whose surfaces other parts own (backups, shares, transfers have their own tests).
 * The `Record` makes a new entry in `vmActions` a type error here until it is exercised.
 */
const exercises: Record<VmAction, Record<string, (vmId: string, subject: Subject) => Promise<Outcome>>> = {
  view: {
    "GET /api/v1/vms/{id}": async (vmId, subject) => {
      // The role's reach comes with the matching admin scope only (lib/api/api-person.ts).
      const role = people[subject].role;
      const adminScope = role === "admin" ? "admin:write" : role === "auditor" ? "admin:read" : null;
      const { token } = await createTestApiToken(
        people[subject].id,
        adminScope ? ["read", adminScope] : ["read"],
      );
      const status = (await callApi(token, "GET", `/vms/${vmId}`)).status;
      return status === 404 ? "not-found" : status === 403 ? "forbidden" : "allowed";
    },
  },
  power: { powerVmAction: action("powerVmAction", (vmId) => ({ vmId, action: "start" })) },
  console: { openConsoleAction: action("openConsoleAction", (vmId) => ({ vmId, kind: "vnc" })) },
  snapshot: {
    createSnapshotAction: action("createSnapshotAction", (vmId) => ({
      vmId,
      name: "before",
      description: "",
    })),
    rollbackSnapshotAction: action("rollbackSnapshotAction", (vmId) => ({ vmId, name: "before" })),
    deleteSnapshotAction: action("deleteSnapshotAction", (vmId) => ({ vmId, name: "before" })),
    resetToBaselineAction: action("resetToBaselineAction", (vmId) => ({ vmId, confirmName: "not-its-name" })),
    // Past the rule these VMs are in no class: 409, and nothing is deleted.
    recreateSeatVmAction: async (vmId) =>
      outcomeOfResult(await cohortActions.recreateSeatVmAction!({ vmId, confirmName: "not-its-name" })),
  },
  renew: { renewLeaseAction: action("renewLeaseAction", (vmId) => ({ vmId })) },
  backup: { rule: (vmId, subject) => outcomeOfCall(() => authorizeVm(personOf(subject), vmId, "backup")) },
  media: {
    setCdromAction: action("setCdromAction", (vmId) => ({ vmId, isoId: null })),
    setBootOrderAction: action("setBootOrderAction", (vmId) => ({ vmId, first: "disk" })),
  },
  resize: {
    resizeVmAction: action("resizeVmAction", (vmId) => ({ vmId, cores: 2, memoryMb: 2048, diskGb: 20 })),
  },
  restore: { rule: (vmId, subject) => outcomeOfCall(() => authorizeVm(personOf(subject), vmId, "restore")) },
  delete: {
    // A wrong name: past the rule the answer is 400 and nothing is deleted.
    deleteVmAction: action("deleteVmAction", (vmId) => ({ vmId, confirmName: "not-its-name" })),
    // Making a failed VM again replaces its record: whoever may delete it may.
    retryVmAction: action("retryVmAction", (vmId) => ({ vmId })),
  },
  share: { rule: (vmId, subject) => outcomeOfCall(() => authorizeVm(personOf(subject), vmId, "share")) },
  transfer: {
    rule: (vmId, subject) => outcomeOfCall(() => authorizeVm(personOf(subject), vmId, "transfer")),
  },
};

// Server actions of the VM pages that are not about one VM someone stands to.
const notAboutOneVm = ["createVmAction", "createIsoVmAction", "explainConsoleCloseAction"];

describe("the matrix covers the whole VM surface", () => {
  it("exercises every server action of the VM pages, so a new one cannot be forgotten", () => {
    const exercised = new Set(Object.values(exercises).flatMap((byName) => Object.keys(byName)));
    const unexercised = Object.entries(actions)
      .filter(([, value]) => typeof value === "function")
      .map(([name]) => name)
      .filter((name) => !exercised.has(name) && !notAboutOneVm.includes(name));
    expect(unexercised).toEqual([]);
  });
});

describe.each(subjects)("the %s of a VM", (subject) => {
  it.each(vmActions)("gets for %s what the contract grants", async (vmAction) => {
    actAs(people[subject]);
    const vmId = vmIds[target[subject]];
    for (const [name, exercise] of Object.entries(exercises[vmAction])) {
      expect({ [name]: await exercise(vmId, subject) }).toEqual({ [name]: expected(subject, vmAction) });
    }
  });

  it("sees the VM page only with the buttons the contract grants", async () => {
    actAs(people[subject]);
    const vmId = vmIds[target[subject]];
    const render = () => renderPage("app/(portal)/vms/[vmId]/page.tsx", vmId);
    if (expected(subject, "view") !== "allowed") {
      await expect(render()).rejects.toMatchObject({ digest: expect.stringContaining("404") });
      return;
    }
    const controls = findElement(await render(), VmControls);
    expect(controls?.allowed).toEqual(contract[subject]);
  });

  it.each(["console", "serial"])(
    "reaches the %s page only when the contract grants the console",
    async (page) => {
      actAs(people[subject]);
      const render = () => renderPage(`app/(portal)/vms/[vmId]/${page}/page.tsx`, vmIds[target[subject]]);
      if (expected(subject, "console") === "allowed") await expect(render()).resolves.toBeTruthy();
      else await expect(render()).rejects.toMatchObject({ digest: expect.stringContaining("404") });
    },
  );
});

describe("the live stream of one's own VMs", () => {
  // Admins and auditors see everyone's VMs on the admin pages' stream; their own stream is a member's.
  const seesAsMember = (subject: Subject) =>
    expected(subject, "view") === "allowed" && subject !== "admin" && subject !== "auditor";

  it.each(subjects)("carries the VM to the %s exactly when they see it as a member", async (subject) => {
    const live = await openLiveEvents(people[subject]);
    try {
      const snapshot = await live.next((message) => message.event === "snapshot");
      const ids = (snapshot.data as { vms: { id: string }[] }).vms.map((vm) => vm.id);
      expect(ids).toEqual(seesAsMember(subject) ? [vmIds[target[subject]]] : []);
    } finally {
      live.close();
    }
  });

  it("passes on changes of a VM shared with the person", async () => {
    const live = await openLiveEvents(people["shared viewer"]);
    try {
      await live.next((message) => message.event === "snapshot");
      actAs(people.owner);
      expect((await actions.renewLeaseAction!({ vmId: vmIds.personal })).ok).toBe(true);
      const changed = await live.next((message) => message.event === "vm");
      expect(changed.data).toMatchObject({ id: vmIds.personal });
    } finally {
      live.close();
    }
  });
});

async function renderPage(file: string, vmId: string) {
  const page = (await importApp(file)).default as (props: unknown) => Promise<unknown>;
  return page({ searchParams: Promise.resolve({}), params: Promise.resolve({ vmId }) });
}

/** The props of the first element of this component in a rendered tree. */
function findElement(node: unknown, type: unknown): Record<string, unknown> | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findElement(child, type);
      if (found) return found;
    }
    return null;
  }
  if (!isValidElement(node)) return null;
  const props = node.props as { children?: ReactNode };
  if (node.type === type) return props as Record<string, unknown>;
  return findElement(props.children, type);
}

/** A redeemed console ticket the relay reports alive, as the relay's session of this person on this VM. */
async function openSession(subject: Subject, vmId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  await getDb()
    .insert(consoleTickets)
    .values({
      tokenHash: hashConsoleToken(token),
      userId: people[subject].id,
      vmId,
      clusterId: "test-cluster",
      node: "pve1",
      vmid: 101,
      kind: "vnc",
      port: 5900,
      vncTicket: "unused",
      expiresAt: new Date(now.getTime() + 30_000),
      usedAt: now,
      lastSeenAt: now,
    });
  return token;
}

describe("console sessions", () => {
  it("stay alive exactly for the subjects the contract lets open the console", async () => {
    const tokens = new Map<string, Subject>();
    for (const subject of subjects) tokens.set(await openSession(subject, vmIds[target[subject]]), subject);
    const { revoke } = await consoleSessionsAlive([...tokens.keys()]);
    const ended = revoke.map((token) => tokens.get(token)).sort();
    expect(ended).toEqual(subjects.filter((subject) => expected(subject, "console") !== "allowed").sort());
  });

  it("end when a share runs out, with nobody acting", async () => {
    const { id: vmId } = await createTestVm({ ownerId: people.owner.id, name: "until-noon" });
    const noon = new Date(Date.now() + 3_600_000);
    await getDb()
      .insert(vmShares)
      .values({ vmId, userId: people.stranger.id, role: "operator", expiresAt: noon });
    const token = await openSession("stranger", vmId);
    const stranger = personOf("stranger");
    expect((await consoleSessionsAlive([token], new Date(noon.getTime() - 60_000))).revoke).toEqual([]);
    await expect(
      authorizeVm(stranger, vmId, "power", { now: new Date(noon.getTime() - 60_000) }),
    ).resolves.toMatchObject({ id: vmId });
    const afterNoon = new Date(noon.getTime() + 1);
    expect((await consoleSessionsAlive([token], afterNoon)).revoke).toEqual([token]);
    await expect(authorizeVm(stranger, vmId, "view", { now: afterNoon })).rejects.toMatchObject({
      kind: "not-found",
    });
  });

  it("end when the share is revoked or the person leaves the project", async () => {
    const { id: vmId } = await createTestVm({ ownerId: people.owner.id, name: "revoked-share" });
    const [share] = await getDb()
      .insert(vmShares)
      .values({ vmId, userId: people["shared viewer"].id, role: "operator" })
      .returning();
    const shared = await openSession("shared viewer", vmId);
    const member = await openSession("project operator", vmIds.project);
    expect((await consoleSessionsAlive([shared, member])).revoke).toEqual([]);
    await getDb().update(vmShares).set({ revokedAt: new Date() }).where(eq(vmShares.id, share!.id));
    await getDb()
      .delete(projectMembers)
      .where(
        and(
          eq(projectMembers.projectId, projectId),
          eq(projectMembers.userId, people["project operator"].id),
        ),
      );
    expect((await consoleSessionsAlive([shared, member])).revoke.sort()).toEqual([shared, member].sort());
    await getDb()
      .insert(projectMembers)
      .values({ projectId, userId: people["project operator"].id, role: "operator" });
  });
});

describe("using a share", () => {
  it("is audited each time and on the VM's timeline once an hour; owners' and viewers' acts are not", async () => {
    const uses = async (subject: Subject) => {
      const userId = people[subject].id;
      const audited = await getDb()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "vm.share_use"), eq(auditEvents.actorId, userId)));
      const timeline = await getDb()
        .select()
        .from(vmEvents)
        .where(and(eq(vmEvents.kind, "share_use"), eq(vmEvents.actorId, userId)));
      return { audited: audited.length, timeline: timeline.length };
    };
    const before = await uses("shared operator");
    actAs(people["shared operator"]);
    for (let i = 0; i < 2; i++)
      await actions.renewLeaseAction!({ vmId: vmIds.personal }).then((result) =>
        expect(result.ok).toBe(true),
      );
    const after = await uses("shared operator");
    expect(after.audited - before.audited).toBe(2);
    expect(after.timeline).toBe(1);
    expect(await uses("owner")).toEqual({ audited: 0, timeline: 0 });
    expect(await uses("project operator")).toEqual({ audited: 0, timeline: 0 });
  });
});

describe("who stands how", () => {
  it("names each subject's relation as the contract does", async () => {
    const access = await vmAccess(personOf("project creator"), vmIds.project);
    expect(access?.relations).toEqual(["project-creator"]);
    expect((await vmAccess(personOf("expired share"), vmIds.personal))?.relations).toEqual([]);
  });
});

describe("the dashboard", () => {
  it("groups the VMs a person sees: their own, each project's, those shared with them", async () => {
    const subject = "project operator";
    await createTestVm({ ownerId: people[subject].id, name: "opals-own" });
    await getDb()
      .insert(vmShares)
      .values({ vmId: vmIds.personal, userId: people[subject].id, role: "viewer" });
    actAs(people[subject]);
    const page = (await importApp("app/(portal)/vms/page.tsx")).default as (
      props: unknown,
    ) => Promise<unknown>;
    const tree = await page({ searchParams: Promise.resolve({}) });
    const sections = findAll(tree, "section").map((props) => ({
      title: props["aria-label"],
      vms: findAll(props.children, TableRow)
        .map((row) => row["data-testid"])
        .filter(Boolean),
    }));
    expect(sections).toEqual([
      { title: "My VMs", vms: ["vm-row-opals-own"] },
      { title: "Project Robotics", vms: ["vm-row-lab-vm"] },
      { title: "Shared with me", vms: ["vm-row-olives-vm"] },
    ]);
  });
});

/** The props of every element of this type in a rendered tree, in order. */
function findAll(node: unknown, type: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap((child) => findAll(child, type));
  if (!isValidElement(node)) return [];
  const props = node.props as Record<string, unknown>;
  return [...(node.type === type ? [props] : []), ...findAll(props.children, type)];
}
