import { serve } from "inngest/next";
import { functions } from "@/inngest";
import { inngest } from "@/inngest/client";
import { getConfig } from "@/lib/config";
import { countRequests } from "@/lib/metrics/http-metrics";

const handler = serve({ client: inngest, functions });

type Handler = typeof handler.GET;

// Without Inngest's keys the portal runs jobs itself, and this endpoint has nothing to offer.
function whenInngestConfigured(serveRequest: Handler): Handler {
  return async (request, context) => {
    if (getConfig().jobs !== "inngest") {
      return Response.json(
        {
          error:
            "Inngest is not configured; jobs run inside the portal (set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY).",
        },
        { status: 404 },
      );
    }
    return serveRequest(request, context);
  };
}

export const GET = countRequests("/api/inngest", whenInngestConfigured(handler.GET));
export const POST = countRequests("/api/inngest", whenInngestConfigured(handler.POST));
export const PUT = countRequests("/api/inngest", whenInngestConfigured(handler.PUT));
