import { timingSafeEqual } from "node:crypto";
import type { AccessState } from "./access/model";

export interface SimToken {
  tokenId: string;
  secret: string;
}

/** `USER@REALM!TOKENID=SECRET`, split at the last `=` as pve-access-control does. */
export function parseToken(value: string): SimToken | null {
  const match = /^(.*)=(.*)$/.exec(value);
  if (!match || !/^[^\s@!]+@[A-Za-z][A-Za-z0-9.\-_]*![A-Za-z][A-Za-z0-9.\-_]+$/.test(match[1]!)) return null;
  return { tokenId: match[1]!, secret: match[2]! };
}

function sameSecret(given: string, stored: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The token id the request authenticates as, or null. Accepts `PVEAPIToken=` and `PVEAPIToken ` as
 * pveproxy does; the token must exist with that secret, its user be enabled, and neither be expired
 * (pve-access-control `AccessControl.pm` verify_token, check_user_enabled).
 */
export function authenticate(
  header: string | undefined,
  access: AccessState,
  nowSeconds: number,
): string | null {
  const match = /(?:^|\s)PVEAPIToken(?:=| )([^;]*)/.exec(header ?? "");
  if (!match) return null;
  const given = parseToken(decodeURIComponent(match[1]!.trim()));
  if (!given) return null;
  const [userid, name] = given.tokenId.split("!") as [string, string];
  const user = access.users.find((candidate) => candidate.userid === userid);
  const token = user?.tokens.find((candidate) => candidate.name === name);
  if (!user || !token || !sameSecret(given.secret, token.secret)) return null;
  if (!user.enable || (user.expire && user.expire < nowSeconds)) return null;
  if (token.expire && token.expire < nowSeconds) return null;
  return given.tokenId;
}

/**
 * Makes the simulator's own token hold every privilege, whatever its user: an unseparated token of a user
 * with Administrator on `/` (what `root@pam` has by definition), so scripts written for a real cluster run
 * against it unchanged and create least-privilege users and tokens through the access API.
 */
export function installAdminToken(access: AccessState, token: SimToken): void {
  const [userid, name] = token.tokenId.split("!") as [string, string];
  let user = access.users.find((candidate) => candidate.userid === userid);
  if (!user) {
    user = {
      userid,
      enable: true,
      expire: 0,
      groups: [],
      tokens: [],
      comment: "The simulator's administrator",
    };
    access.users.push(user);
  }
  user.tokens = user.tokens.filter((candidate) => candidate.name !== name);
  user.tokens.push({ name, secret: token.secret, privsep: false, expire: 0 });
  const grant = { path: "/", type: "user" as const, ugid: userid, roleid: "Administrator", propagate: true };
  if (userid !== "root@pam" && !access.acl.some((entry) => JSON.stringify(entry) === JSON.stringify(grant)))
    access.acl.push(grant);
}
