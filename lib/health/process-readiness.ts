import "server-only";
import { getDatabaseHandle } from "@/db/client";
import { migrationsFolder } from "@/db/migrate";
import { listConfiguredClusters } from "@/lib/clusters/client-registry";
import { cachedPrivilegeReport } from "@/lib/clusters/privilege-report";
import { checkReadiness, type Readiness } from "./readiness";

/** Readiness of this process: its database, its migrations folder and the clusters it is configured for. */
export async function checkProcessReadiness(): Promise<Readiness> {
  return checkReadiness({
    database: getDatabaseHandle(),
    migrationsFolder: migrationsFolder(),
    // Without a database there is no list of clusters; the database check says why.
    clusters: await listConfiguredClusters().catch(() => []),
    privileges: cachedPrivilegeReport,
  });
}
