import { routeHandler } from "@/lib/http/route-handler";
import { renderHostsFile } from "@/lib/ipam/dhcp-exports";
import { plainText, refuseExport } from "@/lib/ipam/export-access";
import { loadExportPools } from "@/lib/ipam/load-export-pools";

export const dynamic = "force-dynamic";

/** A hosts file of every VM with a pool address. */
export const GET = routeHandler("/api/ipam/export/hosts", async (request: Request) => {
  const refused = await refuseExport(request);
  if (refused) return refused;
  return plainText(renderHostsFile(await loadExportPools()));
});
