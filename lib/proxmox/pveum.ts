import type { AccessApi } from "./access";

/**
 * The `pveum` commands an operator runs to give the portal its token, as data: rendered for the setup
 * guide and for admins told what is missing, parsed back from the guide by its test, and applied through the
 * API by the demo and the tests (each command is what pve-access-control's CLI does with that API call).
 */
export type PveumCommand =
  | { kind: "role-add"; roleid: string; privs: string[] }
  | { kind: "role-modify"; roleid: string; privs: string[]; append: boolean }
  | { kind: "user-add"; userid: string; comment?: string }
  | { kind: "token-add"; userid: string; tokenid: string; privsep: boolean; comment?: string }
  | {
      kind: "acl-modify";
      path: string;
      roles: string[];
      users: string[];
      tokens: string[];
      propagate?: boolean;
    };

/** Splits a shell line into words: single and double quotes, no variables. */
function words(line: string): string[] {
  const result: string[] = [];
  const pattern = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (const match of line.matchAll(pattern)) result.push(match[1] ?? match[2] ?? match[3]!);
  return result;
}

function options(args: string[]): { positional: string[]; flags: Record<string, string> } {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg.startsWith("-")) flags[arg.replace(/^--?/, "")] = args[++index] ?? "";
    else positional.push(arg);
  }
  return { positional, flags };
}

const list = (value: string | undefined) => (value ?? "").split(/[,;\s]+/).filter(Boolean);

/** One `pveum …` line (a trailing `# comment` ignored), or null when it is not one of the commands above. */
export function parsePveum(line: string): PveumCommand | null {
  const [tool, ...rest] = words(line.replace(/\s#.*$/, "").trim());
  if (tool !== "pveum") return null;
  const head = rest.slice(0, rest[0] === "user" && rest[1] === "token" ? 3 : 2).join(" ");
  const { positional, flags } = options(rest.slice(head.split(" ").length));
  switch (head) {
    case "role add":
      return { kind: "role-add", roleid: positional[0]!, privs: list(flags.privs) };
    case "role modify":
      return {
        kind: "role-modify",
        roleid: positional[0]!,
        privs: list(flags.privs),
        append: flags.append === "1",
      };
    case "user add":
      return { kind: "user-add", userid: positional[0]!, comment: flags.comment };
    case "user token add":
      return {
        kind: "token-add",
        userid: positional[0]!,
        tokenid: positional[1]!,
        privsep: flags.privsep !== "0",
        comment: flags.comment,
      };
    case "acl modify":
      return {
        kind: "acl-modify",
        path: positional[0]!,
        roles: list(flags.roles),
        users: list(flags.users),
        tokens: list(flags.tokens),
        ...(flags.propagate !== undefined ? { propagate: flags.propagate !== "0" } : {}),
      };
    default:
      return null;
  }
}

const quote = (value: string) => (/^[\w@.,/:-]+$/.test(value) ? value : `'${value}'`);

export function formatPveum(command: PveumCommand): string {
  switch (command.kind) {
    case "role-add":
      return `pveum role add ${command.roleid} --privs ${quote(command.privs.join(","))}`;
    case "role-modify":
      return `pveum role modify ${command.roleid} --privs ${quote(command.privs.join(","))}${command.append ? " --append 1" : ""}`;
    case "user-add":
      return `pveum user add ${command.userid}${command.comment ? ` --comment ${quote(command.comment)}` : ""}`;
    case "token-add":
      return `pveum user token add ${command.userid} ${command.tokenid} --privsep ${command.privsep ? 1 : 0}${command.comment ? ` --comment ${quote(command.comment)}` : ""}`;
    case "acl-modify":
      return [
        `pveum acl modify ${command.path}`,
        command.users.length ? `--users ${quote(command.users.join(","))}` : "",
        command.tokens.length ? `--tokens ${quote(command.tokens.join(","))}` : "",
        `--roles ${command.roles.join(",")}`,
        command.propagate === false ? "--propagate 0" : "",
      ]
        .filter(Boolean)
        .join(" ");
  }
}

/** Runs the command through the API, as pveum does on a node; a new token's secret is returned. */
export async function applyPveum(access: AccessApi, command: PveumCommand): Promise<{ secret?: string }> {
  switch (command.kind) {
    case "role-add":
      await access.createRole(command.roleid, command.privs);
      return {};
    case "role-modify":
      await access.updateRole(command.roleid, command.privs, command.append);
      return {};
    case "user-add":
      await access.createUser(command.userid, command.comment);
      return {};
    case "token-add":
      return {
        secret: (
          await access.createToken(command.userid, command.tokenid, {
            privsep: command.privsep,
            comment: command.comment,
          })
        ).secret,
      };
    case "acl-modify":
      await access.modifyAcl(command);
      return {};
  }
}
