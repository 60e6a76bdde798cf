import type { Route } from "../router";
import { accessRoutes } from "./access";
import { backupContentRoutes } from "./backup-content";
import { bulkActionRoutes } from "./bulk-action";
import { clusterRoutes } from "./cluster";
import { consoleRoutes } from "./console";
import { fileRestoreRoutes } from "./file-restore";
import { nodeInfoRoutes } from "./node-info";
import { poolRoutes } from "./pools";
import { pruneBackupRoutes } from "./prune-backups";
import { qemuExtraRoutes } from "./qemu-extras";
import { qemuLifecycleRoutes } from "./qemu-lifecycle";
import { qemuPowerRoutes } from "./qemu-power";
import { rrdRoutes } from "./rrd";
import { snapshotRoutes } from "./snapshots";
import { storageRoutes } from "./storage";
import { taskRoutes } from "./tasks";
import { vzdumpRoutes } from "./vzdump";

/** Every route the simulator answers; the conformance tests check each against PVE's schema. */
export const simRoutes: Route[] = [
  ...clusterRoutes,
  ...bulkActionRoutes,
  ...accessRoutes,
  ...nodeInfoRoutes,
  ...storageRoutes,
  ...backupContentRoutes,
  ...vzdumpRoutes,
  ...fileRestoreRoutes,
  ...pruneBackupRoutes,
  ...taskRoutes,
  ...poolRoutes,
  ...qemuLifecycleRoutes,
  ...qemuPowerRoutes,
  ...qemuExtraRoutes,
  ...rrdRoutes,
  ...snapshotRoutes,
  ...consoleRoutes,
];
