/** What `/etc/pve/user.cfg` and `priv/token.cfg` hold (pve-access-control `AccessControl.pm` parse_user_config). */
export interface SimApiToken {
  /** The token's name, the part after `!`. */
  name: string;
  secret: string;
  privsep: boolean;
  /** Unix seconds; 0 never expires. */
  expire: number;
  comment?: string;
}

export interface SimUser {
  userid: string;
  enable: boolean;
  expire: number;
  comment?: string;
  email?: string;
  firstname?: string;
  lastname?: string;
  groups: string[];
  tokens: SimApiToken[];
}

export interface SimGroup {
  groupid: string;
  comment?: string;
}

export interface AclEntry {
  path: string;
  type: "user" | "group" | "token";
  /** A userid, a group id or a full token id. */
  ugid: string;
  roleid: string;
  propagate: boolean;
}

export interface AccessState {
  users: SimUser[];
  groups: SimGroup[];
  /** Roles made through `/access/roles`; the built-in ones come from privileges.ts. */
  roles: { roleid: string; privs: string[] }[];
  acl: AclEntry[];
}

export function emptyAccess(): AccessState {
  return {
    users: [{ userid: "root@pam", enable: true, expire: 0, groups: [], tokens: [] }],
    groups: [],
    roles: [],
    acl: [],
  };
}

/** `USER@REALM!TOKEN` split as `split_tokenid` does; null for a plain userid. */
export function splitTokenId(authid: string): { userid: string; name: string } | null {
  const match = /^(.+)!([A-Za-z][A-Za-z0-9.\-_]+)$/.exec(authid);
  return match ? { userid: match[1]!, name: match[2]! } : null;
}
