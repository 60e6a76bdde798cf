import { getConfig } from "@/lib/config";
import { routeHandler } from "@/lib/http/route-handler";
import { answerMetricsScrape } from "@/lib/metrics/metrics-endpoint";

export const dynamic = "force-dynamic";

/** Prometheus scrapes here with `Authorization: Bearer $ROOST_METRICS_TOKEN`. */
export const GET = routeHandler("/api/metrics", (request: Request) =>
  answerMetricsScrape(request, getConfig().ROOST_METRICS_TOKEN),
);
