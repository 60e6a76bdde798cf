import { redeemRefusals, redeemRequestSchema } from "@/lib/console/relay-protocol";
import { redeemForRelay } from "@/lib/console/relay-redeem";
import { refuseNonRelay } from "@/lib/console/relay-secret";
import { invalid } from "@/lib/errors";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/** For console relays only: redeems a browser's ticket once and says where its console is. */
export const POST = routeHandler("/api/console/redeem", async (request: Request) => {
  refuseNonRelay(request);
  const parsed = redeemRequestSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) throw invalid("Send a token.");
  const result = await redeemForRelay(parsed.data.token);
  if (!result.ok)
    return Response.json({ reason: result.reason, error: redeemRefusals[result.reason] }, { status: 410 });
  return Response.json(result.redeemed);
});
