import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { DEMO_CLIENT_SECRET } from "@/lib/authz/demo-client";
import { DEMO_TOKEN } from "@/pve-sim";
import { leakedSecrets, rememberedSecrets } from "./log-secrets";
import { simulatorTokenSecrets, startPortal } from "./portal-server";

declare module "vitest" {
  export interface ProvidedContext {
    portalUrl: string;
    /** Where browser tests record the secrets they see, for the log check at the end. */
    seenSecretsFile: string;
  }
}

/** One portal for the whole browser suite, started as `npm start` starts it. */
export default async function setup(project: TestProject) {
  const secrets = {
    AUTH_SECRET: randomBytes(33).toString("base64url"),
    ROOST_RELAY_SECRET: randomBytes(33).toString("base64url"),
  };
  const seenSecretsFile = path.join(tmpdir(), `roost-e2e-seen-secrets-${randomBytes(6).toString("hex")}`);
  const portal = await startPortal(secrets);
  project.provide("portalUrl", portal.url);
  project.provide("seenSecretsFile", seenSecretsFile);
  return async () => {
    const folder = path.resolve(import.meta.dirname, "../../test-results");
    mkdirSync(folder, { recursive: true });
    const tokenSecrets = simulatorTokenSecrets(portal.dataDir);
    await portal.stop();
    writeFileSync(path.join(folder, "portal.log"), portal.logs());
    const leaked = leakedSecrets(portal.logs(), {
      ...secrets,
      PVE_TOKEN_SECRET: [DEMO_TOKEN.split("=")[1]!, ...tokenSecrets],
      DEMO_CLIENT_SECRET,
      "one-time passwords and console tickets": rememberedSecrets(seenSecretsFile),
    });
    rmSync(seenSecretsFile, { force: true });
    if (leaked.length > 0) {
      // A failing teardown does not fail a vitest run; the exit code does.
      console.error(`\nThe portal's log (test-results/portal.log) contains secrets: ${leaked.join(", ")}\n`);
      process.exitCode = 1;
    }
  };
}
