#!/usr/bin/env node
// `npx roost …`: the CLI is TypeScript, run through tsx, which the portal already depends on.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
