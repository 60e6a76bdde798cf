import type { Route } from "../router";
import { accessRoutes } from "./access";
import { clusterRoutes } from "./cluster";
import { consoleRoutes } from "./console";
import { nodeInfoRoutes } from "./node-info";
import { poolRoutes } from "./pools";
import { qemuExtraRoutes } from "./qemu-extras";
import { qemuLifecycleRoutes } from "./qemu-lifecycle";
import { qemuPowerRoutes } from "./qemu-power";
import { rrdRoutes } from "./rrd";
import { snapshotRoutes } from "./snapshots";
import { storageRoutes } from "./storage";
import { taskRoutes } from "./tasks";

/** Every route the simulator answers; the conformance tests check each against PVE's schema. */
export const simRoutes: Route[] = [
  ...clusterRoutes,
  ...accessRoutes,
  ...nodeInfoRoutes,
  ...storageRoutes,
  ...taskRoutes,
  ...poolRoutes,
  ...qemuLifecycleRoutes,
  ...qemuPowerRoutes,
  ...qemuExtraRoutes,
  ...rrdRoutes,
  ...snapshotRoutes,
  ...consoleRoutes,
];
