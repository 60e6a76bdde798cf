import { routeHandler } from "@/lib/http/route-handler";
import { plainText, refuseExport } from "@/lib/ipam/export-access";
import { loadExportPools } from "@/lib/ipam/load-export-pools";
import { renderZone } from "@/lib/ipam/zone-file";

export const dynamic = "force-dynamic";

/** The zone file of a pool's domain, or of a reverse zone (…in-addr.arpa). */
export const GET = routeHandler(
  "/api/ipam/export/zones/[zone]",
  async (request: Request, context: { params: Promise<{ zone: string }> }) => {
    const refused = await refuseExport(request);
    if (refused) return refused;
    const { zone } = await context.params;
    const file = renderZone(zone.toLowerCase().replace(/\.$/, ""), await loadExportPools());
    if (!file) return Response.json({ error: "No pool makes that zone." }, { status: 404 });
    return plainText(file);
  },
);
