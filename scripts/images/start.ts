import path from "node:path";
import { launchRoost, loadConfig } from "../launch-roost";

/**
 * The portal image's entry point (bundled to /app/start.mjs beside the standalone server.js): what
 * `npm start` runs, behind the one port a container publishes.
 */
const app = import.meta.dirname;
const config = loadConfig();

await launchRoost({
  config,
  dataDir: path.resolve(app, config.ROOST_DATA_DIR),
  cwd: app,
  nextArgs: () => [path.join(app, "server.js")],
  onePort: true,
});
