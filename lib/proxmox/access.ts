import { z } from "zod";
import type { Transport } from "./transport";

/** privilege → 1 when it propagates below the path, 0 when set on the path only. */
export type PrivilegeFlags = Record<string, number>;

const permissionsSchema = z.record(z.string(), z.record(z.string(), z.coerce.number()));
const tokenSchema = z.object({ "full-tokenid": z.string(), value: z.string() });

export interface AclChange {
  path: string;
  roles: string[];
  users?: string[];
  tokens?: string[];
  propagate?: boolean;
  /** Removes these roles from these users and tokens on the path instead of granting them. */
  delete?: boolean;
}

/** The access-control API (`/access`): what the token may do, and the calls a setup script makes. */
export class AccessApi {
  constructor(private readonly transport: Transport) {}

  /** The caller's effective privileges on one path (PVE computes propagation, pools and token limits). */
  async permissionsOn(path: string): Promise<PrivilegeFlags> {
    const answer = permissionsSchema.parse(await this.transport.call("GET", "/access/permissions", { path }));
    return answer[path] ?? {};
  }

  async createRole(roleid: string, privs: string[]): Promise<void> {
    await this.transport.call("POST", "/access/roles", { roleid, privs: privs.join(",") });
  }

  async updateRole(roleid: string, privs: string[], append = false): Promise<void> {
    await this.transport.call("PUT", `/access/roles/${encodeURIComponent(roleid)}`, {
      privs: privs.join(","),
      append: append || undefined,
    });
  }

  async createUser(userid: string, comment?: string): Promise<void> {
    await this.transport.call("POST", "/access/users", { userid, comment });
  }

  /** A new API token; PVE shows its secret only in this answer. */
  async createToken(
    userid: string,
    tokenid: string,
    options: { privsep: boolean; comment?: string },
  ): Promise<{ fullTokenId: string; secret: string }> {
    const answer = tokenSchema.parse(
      await this.transport.call(
        "POST",
        `/access/users/${encodeURIComponent(userid)}/token/${encodeURIComponent(tokenid)}`,
        options,
      ),
    );
    return { fullTokenId: answer["full-tokenid"], secret: answer.value };
  }

  async deleteToken(userid: string, tokenid: string): Promise<void> {
    await this.transport.call(
      "DELETE",
      `/access/users/${encodeURIComponent(userid)}/token/${encodeURIComponent(tokenid)}`,
    );
  }

  async modifyAcl(change: AclChange): Promise<void> {
    await this.transport.call("PUT", "/access/acl", {
      path: change.path,
      roles: change.roles.join(","),
      users: change.users?.join(","),
      tokens: change.tokens?.join(","),
      propagate: change.propagate,
      delete: change.delete || undefined,
    });
  }
}
