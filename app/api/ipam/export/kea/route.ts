import { routeHandler } from "@/lib/http/route-handler";
import { renderKeaReservations } from "@/lib/ipam/dhcp-exports";
import { refuseExport } from "@/lib/ipam/export-access";
import { loadExportPools } from "@/lib/ipam/load-export-pools";

export const dynamic = "force-dynamic";

/** ISC Kea DHCPv4 reservations, per subnet. */
export const GET = routeHandler("/api/ipam/export/kea", async (request: Request) => {
  const refused = await refuseExport(request);
  if (refused) return refused;
  return Response.json(renderKeaReservations(await loadExportPools()), {
    headers: { "cache-control": "no-store" },
  });
});
