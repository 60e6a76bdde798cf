import { deleteSshKey, getSshKey, listSshKeys } from "@/db/queries/ssh-keys";
import { notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { addSshKey as addKeyToProfile } from "@/lib/ssh-keys/add-ssh-key";
import { sshKeyInputSchema } from "@/lib/ssh-keys/ssh-key-input";
import { timeCursorFrom } from "../cursor-keys";
import { defineApiRoute } from "../define-route";
import { pageFrom, pageQuerySchema, pageSchema } from "../pagination";
import { sshKeyIdParams, sshKeyResource, sshKeyResourceOf } from "../resources/ssh-key";

const noSuchKey = () => notFound(message("errors.api.noSuchSshKey"));

export const listSshKeysRoute = defineApiRoute({
  method: "GET",
  path: "/ssh-keys",
  operationId: "listSshKeys",
  summary: "List your SSH keys",
  description: "The public keys on your profile, oldest first; new VMs receive them through cloud-init.",
  tags: ["SSH keys"],
  scope: "read",
  query: pageQuerySchema,
  responses: { 200: { description: "A page of your keys.", schema: pageSchema(sshKeyResource) } },
  async handler({ query, caller }) {
    const after = timeCursorFrom(query.cursor);
    const keys = await listSshKeys({ userId: caller.user.id, page: { after, limit: query.limit + 1 } });
    return {
      status: 200,
      body: pageFrom(keys, query.limit, (key) => [key.createdAt.toISOString(), key.id], sshKeyResourceOf),
    };
  },
});

export const getSshKeyRoute = defineApiRoute({
  method: "GET",
  path: "/ssh-keys/{keyId}",
  operationId: "getSshKey",
  summary: "Get one of your SSH keys",
  tags: ["SSH keys"],
  scope: "read",
  params: sshKeyIdParams,
  responses: {
    200: { description: "The key.", schema: sshKeyResource },
    404: { description: "You have no key with this id." },
  },
  async handler({ params, caller }) {
    const key = await getSshKey({ userId: caller.user.id, id: params.keyId });
    if (!key) throw noSuchKey();
    return { status: 200, body: sshKeyResourceOf(key) };
  },
});

export const addSshKeyRoute = defineApiRoute({
  method: "POST",
  path: "/ssh-keys",
  operationId: "addSshKey",
  summary: "Add an SSH key",
  description:
    "Adds an OpenSSH public key (ed25519, ECDSA, or RSA of 2048 bits or more) to your profile. Without a label, the key's comment names it.",
  tags: ["SSH keys"],
  scope: "manage",
  body: sshKeyInputSchema,
  responses: {
    201: { description: "The key, added.", schema: sshKeyResource },
    409: { description: "You have this key already, or the most keys allowed." },
  },
  async handler({ body, caller, audit }) {
    const key = await addKeyToProfile(caller.user.id, body);
    await audit({
      action: "ssh-key.add",
      target: { type: "ssh-key", id: key.id },
      detail: { fingerprint: key.fingerprint },
    });
    return { status: 201, body: sshKeyResourceOf(key) };
  },
});

export const deleteSshKeyRoute = defineApiRoute({
  method: "DELETE",
  path: "/ssh-keys/{keyId}",
  operationId: "deleteSshKey",
  summary: "Remove an SSH key",
  description: "VMs made before keep the key; only VMs made from now on go without it.",
  tags: ["SSH keys"],
  scope: "manage",
  params: sshKeyIdParams,
  responses: {
    204: { description: "The key is removed." },
    404: { description: "You have no key with this id." },
  },
  async handler({ params, caller, audit }) {
    const removed = await deleteSshKey({ userId: caller.user.id, id: params.keyId });
    if (!removed) throw noSuchKey();
    await audit({
      action: "ssh-key.remove",
      target: { type: "ssh-key", id: removed.id },
      detail: { fingerprint: removed.fingerprint },
    });
    return { status: 204 };
  },
});
