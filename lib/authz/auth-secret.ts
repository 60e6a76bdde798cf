import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "@/lib/config";

/**
 * AUTH_SECRET signs Auth.js cookies. Production must set it (the config refuses to start otherwise);
 * demo mode keeps a random one in the data folder so sessions survive a restart.
 */
export function authSecret(config: Config): string {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  const file = path.resolve(config.ROOST_DATA_DIR, "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(33).toString("base64url");
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
