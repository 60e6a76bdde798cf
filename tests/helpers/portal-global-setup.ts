import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startPortal } from "./portal-server";

declare module "vitest" {
  export interface ProvidedContext {
    portalUrl: string;
  }
}

/** One portal for the whole browser suite, started as `npm start` starts it. */
export default async function setup(project: TestProject) {
  const portal = await startPortal();
  project.provide("portalUrl", portal.url);
  return async () => {
    const folder = path.resolve(import.meta.dirname, "../../test-results");
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "portal.log"), portal.logs());
    await portal.stop();
  };
}
