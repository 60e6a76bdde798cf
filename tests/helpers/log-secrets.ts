import { appendFileSync, existsSync, readFileSync } from "node:fs";

/**
 * The names of the secrets whose values appear in a log. Values shorter than 8 characters are skipped:
 * they would match by chance.
 */
export function leakedSecrets(log: string, secrets: Record<string, string | string[] | undefined>): string[] {
  return Object.entries(secrets)
    .filter(([, values]) => [values ?? []].flat().some((value) => value.length >= 8 && log.includes(value)))
    .map(([name]) => name);
}

/** Browser tests record the secrets they see (one-time passwords, console tickets) for the log check. */
export function rememberSecret(file: string, value: string | null | undefined): void {
  if (value) appendFileSync(file, `${value}\n`);
}

export function rememberedSecrets(file: string): string[] {
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
}
