import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "@/lib/config";
import { deriveSecretKey, SecretBoxError, type SecretKey } from "./secret-box";

/**
 * The key that encrypts stored cluster secrets. Production must set ROOST_SECRET_KEY; demo mode keeps a
 * random one in the data folder, as it does for AUTH_SECRET, so stored clusters survive a restart.
 */
export function secretKeyFor(config: Config): SecretKey {
  if (config.ROOST_SECRET_KEY) return deriveSecretKey(config.ROOST_SECRET_KEY);
  if (!config.demo)
    throw new SecretBoxError(
      "ROOST_SECRET_KEY is not set: it is required to store or read a cluster's API token secret. Set it to 32 or more random characters (openssl rand -base64 32).",
    );
  const file = path.resolve(config.ROOST_DATA_DIR, "secret-key");
  try {
    return deriveSecretKey(readFileSync(file, "utf8").trim());
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const material = randomBytes(32).toString("base64");
    writeFileSync(file, material, { mode: 0o600 });
    return deriveSecretKey(material);
  }
}
