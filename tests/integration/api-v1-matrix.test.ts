import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { deleteVmAction, powerVmAction, resizeVmAction } from "@/app/(portal)/vms/actions";
import { getDb } from "@/db/client";
import { insertApprovalRequest } from "@/db/queries/approvals";
import { listMail } from "@/db/queries/mail";
import { insertMember, insertProject } from "@/db/queries/projects";
import { quotaColumnsFrom } from "@/db/queries/quotas";
import { type Role, users, vmShares } from "@/db/schema";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { apiRoutes } from "@/lib/api/routes";
import { type ApiScope, apiScopes, roleAllowsScope, scopesAllow } from "@/lib/api-tokens/scopes";
import { queueMail } from "@/lib/mail/send-mail";
import { addSshKey } from "@/lib/ssh-keys/add-ssh-key";
import { sshKeys } from "../fixtures/ssh-keys";
import { callApiJson, createTestApiToken } from "../helpers/api";
import { createTestVm } from "../helpers/fixtures";
import { actAs, createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

// VM 100 (infra-dns) on pve2 stands for the owner's VM; adopted VMs need the guide's optional grant on /vms.
setUpClusterTestbed({ access: { adoptAnyVm: true } });

type JsonSchema = Record<string, unknown>;
interface Operation {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  operationId: string;
  scope: ApiScope;
  pathParams: string[];
  body: JsonSchema | null;
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}

const document = buildOpenApiDocument(apiRoutes) as unknown as {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, JsonSchema> };
};

// Every path × method of the document: a route missing from it is missing from the matrix too, and the
// test below fails when the document and the route list disagree.
const operations: Operation[] = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, raw]) => {
    const operation = raw as {
      operationId: string;
      "x-roost-scope": ApiScope;
      parameters?: { in: string; name: string }[];
      requestBody?: { content: { "application/json": { schema: JsonSchema } } };
      responses: Operation["responses"];
    };
    return {
      method: method.toUpperCase() as Operation["method"],
      path,
      operationId: operation.operationId,
      scope: operation["x-roost-scope"],
      pathParams: (operation.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
      body: operation.requestBody?.content["application/json"].schema ?? null,
      responses: operation.responses,
    };
  }),
);

/** The schema with every `$ref` to a component replaced by the component itself. */
function inline(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(inline);
  if (!schema || typeof schema !== "object") return schema;
  const ref = (schema as { $ref?: string }).$ref;
  if (ref?.startsWith("#/components/schemas/"))
    return inline(document.components.schemas[ref.slice("#/components/schemas/".length)]);
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, inline(value)]));
}

// Bodies that pass validation yet change nothing for good: the owner's answer shows the route ran its
// domain function (a refusal by the domain is fine), another person's shows the ownership check.
const sampleBodies: Record<string, unknown> = {
  createVm: { templateId: crypto.randomUUID(), name: "matrix", cores: 1, memoryMb: 1024, diskGb: 8 },
  createIsoVm: {
    isoId: crypto.randomUUID(),
    name: "matrix",
    cores: 1,
    memoryMb: 1024,
    diskGb: 8,
    diskBus: "scsi",
    nicModel: "virtio",
    uefi: false,
  },
  deleteVm: { confirmName: "not-its-name" },
  resizeVm: { cores: 1, memoryMb: 1024, diskGb: 1 },
  powerVm: { action: "start" },
  setVmCdrom: { isoId: null },
  setVmBootOrder: { first: "disk" },
  createSnapshot: { name: "matrix" },
  setVmSchedule: {
    timeZone: "UTC",
    slots: [{ days: [6], start: "03:00", end: "04:00" }],
    allowOutside: true,
  },
  setProjectSchedule: {
    timeZone: "UTC",
    slots: [{ days: [6], start: "03:00", end: "04:00" }],
    allowOutside: true,
  },
};

/** A body for a route with no sample above, from its schema: the first of each choice, UUIDs for ids. */
function sampleOf(schema: JsonSchema): unknown {
  if (schema.enum) return (schema.enum as unknown[])[0];
  if (schema.anyOf) return sampleOf((schema.anyOf as JsonSchema[])[0]!);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === "object") {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    return Object.fromEntries(
      ((schema.required ?? []) as string[]).map((name) => [name, sampleOf(properties[name]!)]),
    );
  }
  if (type === "array") return [];
  if (type === "boolean") return false;
  if (type === "integer" || type === "number") return (schema.minimum as number | undefined) ?? 1;
  if (schema.format === "uuid") return crypto.randomUUID();
  return "sample".padEnd((schema.minLength as number | undefined) ?? 0, "x");
}

type Subject = "owner" | "other member" | "admin" | "auditor" | "disabled user";
const subjects: { name: Subject; role: Role }[] = [
  { name: "owner", role: "member" },
  { name: "other member", role: "member" },
  { name: "admin", role: "admin" },
  { name: "auditor", role: "auditor" },
  { name: "disabled user", role: "member" },
];
const memberScopes: ApiScope[] = ["read", "operate", "manage"];

const tokens = new Map<string, string>();
const userIds = new Map<Subject, string>();
let ownerSession: { token: string };
let pathValues: { vmId: string; jobId: string; name: string } & Record<string, string>;

beforeAll(async () => {
  for (const subject of subjects) {
    const user = await createUserWithSession(`mx-${subject.name.replace(" ", "-")}`, subject.role);
    userIds.set(subject.name, user.id);
    if (subject.name === "owner") ownerSession = user;
    for (const scope of apiScopes)
      tokens.set(`${subject.name}/${scope}`, (await createTestApiToken(user.id, [scope])).token);
  }
  await getDb()
    .update(users)
    .set({ disabled: true })
    .where(eq(users.id, userIds.get("disabled user")!));
  const vm = await createTestVm({
    clusterId: "sim",
    ownerId: userIds.get("owner")!,
    name: "infra-dns",
    vmid: 100,
    node: "pve2",
  });
  const key = await addSshKey(userIds.get("owner")!, { publicKey: sshKeys.ed25519.line });
  await queueMail({
    dedupeKey: "matrix-mail",
    to: "owner@test.invalid",
    userId: userIds.get("owner")!,
    kind: "notice",
    message: { subject: "Notice", html: "<p>Notice</p>", text: "Notice" },
  });
  const [mail] = await listMail({ userId: userIds.get("owner")! });
  // Decided already: cancelling, approving or denying it again changes nothing, whoever may call.
  const request = await insertApprovalRequest({
    kind: "quota",
    requesterId: userIds.get("owner")!,
    payload: { vms: 5, cores: 8, memoryMb: 8192, diskGb: 100, snapshots: 10 },
    reason: "For the matrix.",
    state: "denied",
  });
  // The owner owns this project alone: member routes about their own membership meet the last-owner rule.
  const project = await insertProject({
    name: "Matrix lab",
    slug: "matrix-lab",
    ...quotaColumnsFrom(matrixQuota),
  });
  await insertMember({
    projectId: project.id,
    userId: userIds.get("owner")!,
    role: "owner",
    source: "manual",
  });
  // Shared with someone outside the subjects, so no subject stands to the VM through it.
  const [share] = await getDb()
    .insert(vmShares)
    .values({ vmId: vm.id, inviteEmail: "matrix-invite@test.invalid", role: "viewer" })
    .returning();
  pathValues = {
    vmId: vm.id,
    jobId: `provision-${vm.id}`,
    name: "matrix",
    keyId: key.id,
    mailId: mail!.id,
    requestId: request.id,
    projectId: project.id,
    userId: userIds.get("owner")!,
    shareId: share!.id,
  };
});

const matrixQuota = { vms: 1, cores: 1, memoryMb: 1024, diskGb: 10, snapshots: 1 };

type Expected = 401 | 403 | 404 | "allowed";

/** What the authorization rule says this subject's token may get, before any domain refusal. */
function expectedFor(
  subject: Subject | "no token",
  role: Role,
  scope: ApiScope,
  operation: Operation,
): Expected {
  if (subject === "no token" || subject === "disabled user") return 401;
  const held = roleAllowsScope(role, scope) ? [scope] : [];
  if (!scopesAllow(held, operation.scope)) return 403;
  // A member route's path names the caller's own things: anyone else's are not found, as in the UI.
  if (memberScopes.includes(operation.scope) && operation.pathParams.length > 0 && subject !== "owner")
    return 404;
  return "allowed";
}

function urlOf(operation: Operation): string {
  return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = pathValues[name];
    if (!value) throw new Error(`The matrix has no value for {${name}}: add one to pathValues.`);
    return encodeURIComponent(value);
  });
}

describe("the authorization matrix over every /api/v1 route", () => {
  it.each(operations.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))(
    "%s answers each scope and subject as the rule says",
    async (_name, operation) => {
      const body = operation.body
        ? (sampleBodies[operation.operationId] ?? sampleOf(operation.body))
        : undefined;
      const wrong: string[] = [];
      const check = async (subject: Subject | "no token", role: Role, scope: ApiScope) => {
        const token = subject === "no token" ? null : tokens.get(`${subject}/${scope}`)!;
        const { status, body: answer } = await callApiJson(token, operation.method, urlOf(operation), {
          body,
        });
        const expected = expectedFor(subject, role, scope, operation);
        const fine =
          status < 500 && (expected === "allowed" ? ![401, 403, 404].includes(status) : status === expected);
        if (!fine)
          wrong.push(
            `${subject} with ${scope}: expected ${expected}, got ${status} ${JSON.stringify(answer)}`,
          );
      };
      await check("no token", "member", "read");
      // Others first, so nothing the owner's calls do can change what others are told.
      for (const subject of [...subjects].reverse())
        for (const scope of apiScopes) await check(subject.name, subject.role, scope);
      expect(wrong).toEqual([]);
    },
  );
});

describe("the OpenAPI document", () => {
  it("has exactly the routes the dispatcher serves, each once, with a scope", async () => {
    const documented = operations.map((operation) => `${operation.method} ${operation.path}`).sort();
    const served = apiRoutes.map((route) => `${route.method} ${route.path}`).sort();
    expect(documented).toEqual(served);
    expect(new Set(operations.map((operation) => operation.operationId)).size).toBe(operations.length);
    for (const operation of operations) expect(apiScopes).toContain(operation.scope);
    const served_ = await callApiJson(null, "GET", "/openapi.json");
    expect(served_.body).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it("describes real answers: they validate against the documented response schemas", async () => {
    const token = tokens.get("owner/manage")!;
    const calls: [Operation["method"], string, string, unknown?][] = [
      ["GET", "/vms", "/vms"],
      ["GET", "/projects", "/projects"],
      ["GET", "/projects/{projectId}", `/projects/${pathValues.projectId}`],
      ["GET", "/vms/{vmId}", `/vms/${pathValues.vmId}`],
      ["GET", "/jobs/{jobId}", `/jobs/${pathValues.jobId}`],
      ["GET", "/vms/{vmId}/snapshots", `/vms/${pathValues.vmId}/snapshots`],
      ["POST", "/vms/{vmId}/power", `/vms/${pathValues.vmId}/power`, { action: "reboot" }],
      ["POST", "/vms/{vmId}/lease/renew", `/vms/${pathValues.vmId}/lease/renew`],
      ["GET", "/vms/{vmId}", "/vms/not-a-uuid"],
      ["GET", "/vms/{vmId}", `/vms/${crypto.randomUUID()}`],
    ];
    for (const [method, path, url, body] of calls) {
      const operation = operations.find(
        (candidate) => candidate.method === method && candidate.path === path,
      )!;
      const answer = await callApiJson(token, method, url, { body });
      const documented = operation.responses[String(answer.status)];
      expect(documented, `${method} ${url} answered ${answer.status}, which is not documented`).toBeDefined();
      const [type, media] = Object.entries(documented!.content ?? {})[0]!;
      expect(answer.headers.get("content-type")).toBe(type);
      const schema = z.fromJSONSchema(inline(media.schema) as JsonSchema);
      const parsed = schema.safeParse(answer.body);
      expect(parsed.success, `${method} ${url}: ${parsed.error?.message}`).toBe(true);
    }
  });
});

describe("the UI and the API answer the same for the same subject", () => {
  it("refuse another member's VM, a wrong confirmation name and a shrinking disk alike", async () => {
    const vmId = pathValues.vmId;
    const other = await createUserWithSession("mx-ui-other", "member");
    const otherToken = (await createTestApiToken(other.id, ["manage"])).token;
    actAs(other);
    const uiPower = await powerVmAction({ vmId, action: "start" });
    const apiPower = await callApiJson(otherToken, "POST", `/vms/${vmId}/power`, {
      body: { action: "start" },
    });
    expect(uiPower).toMatchObject({ ok: false, status: 404 });
    expect(apiPower.status).toBe(404);

    actAs(ownerSession);
    const ownerToken = tokens.get("owner/manage")!;
    const uiDelete = await deleteVmAction({ vmId, confirmName: "wrong" });
    const apiDelete = await callApiJson<{ detail: string; errors: Record<string, string[]> }>(
      ownerToken,
      "DELETE",
      `/vms/${vmId}`,
      { body: { confirmName: "wrong" } },
    );
    expect(uiDelete).toMatchObject({ ok: false, status: 400 });
    expect(apiDelete.status).toBe(400);
    expect(apiDelete.body.errors).toEqual((uiDelete as { fieldErrors: unknown }).fieldErrors);

    const uiResize = await resizeVmAction({ vmId, cores: 1, memoryMb: 1024, diskGb: 1 });
    const apiResize = await callApiJson<{ detail: string }>(ownerToken, "POST", `/vms/${vmId}/resize`, {
      body: { cores: 1, memoryMb: 1024, diskGb: 1 },
    });
    expect(uiResize).toMatchObject({ ok: false, status: apiResize.status });
    expect(apiResize.body.detail).toBe((uiResize as { error: string }).error);
    actAs(null);
  });
});
