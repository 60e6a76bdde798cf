import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import { CliError } from "./cli-error";

export interface RoostConfig {
  url: string;
  token: string;
}

/** `$XDG_CONFIG_HOME/roost/config.json`, else `~/.config/roost/config.json`. */
export function configFile(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || path.join(homedir(), ".config");
  return path.join(base, "roost", "config.json");
}

/** The portal's address as the API is reached under it: no trailing slash, no `/api/v1`. */
export function normalizePortalUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(
      `"${raw}" is not a URL; give the portal's address, such as https://roost.example.org.`,
      2,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new CliError(`The portal's address starts with https:// (or http://), not ${url.protocol}//.`, 2);
  return `${url.origin}${url.pathname.replace(/\/+$/, "").replace(/\/api\/v1$/, "")}`;
}

async function readStored(file: string): Promise<Partial<RoostConfig>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as Partial<RoostConfig>;
    return {
      url: typeof parsed.url === "string" ? parsed.url : undefined,
      token: typeof parsed.token === "string" ? parsed.token : undefined,
    };
  } catch {
    throw new CliError(`${file} is not valid JSON; sign in again with \`roost login\`.`);
  }
}

/** Where to reach the portal and with which token: ROOST_URL and ROOST_TOKEN win over the stored login. */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<RoostConfig> {
  const stored = await readStored(configFile(env));
  const url = env.ROOST_URL || stored.url;
  const token = env.ROOST_TOKEN || stored.token;
  if (!url || !token)
    throw new CliError(
      "Not signed in: run `roost login --url <portal> --token <token>` (a token from your profile page), or set ROOST_URL and ROOST_TOKEN.",
    );
  return { url: normalizePortalUrl(url), token };
}

/** Stores the login readable by its owner only (0600, in a 0700 folder), written whole or not at all. */
export async function saveConfig(config: RoostConfig, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const file = configFile(env);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // An umask or an existing file's mode must not widen it.
  await chmod(partial, 0o600);
  await rename(partial, file);
  return file;
}
