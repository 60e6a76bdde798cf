import { handlers } from "@/auth";
import { countRequests } from "@/lib/metrics/http-metrics";

export const GET = countRequests("/api/auth/[...nextauth]", handlers.GET);
export const POST = countRequests("/api/auth/[...nextauth]", handlers.POST);
