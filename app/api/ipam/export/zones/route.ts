import { routeHandler } from "@/lib/http/route-handler";
import { refuseExport } from "@/lib/ipam/export-access";
import { loadExportPools } from "@/lib/ipam/load-export-pools";
import { zoneNames } from "@/lib/ipam/zone-file";

export const dynamic = "force-dynamic";

/** The zones there are files for: each pool's domain and each reverse zone. */
export const GET = routeHandler("/api/ipam/export/zones", async (request: Request) => {
  const refused = await refuseExport(request);
  if (refused) return refused;
  const zones = zoneNames(await loadExportPools());
  return Response.json(
    { zones: zones.map((name) => ({ name, url: `/api/ipam/export/zones/${name}` })) },
    { headers: { "cache-control": "no-store" } },
  );
});
