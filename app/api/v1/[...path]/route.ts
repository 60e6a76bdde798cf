import { createApiDispatcher } from "@/lib/api/dispatch";
import { apiRoutes } from "@/lib/api/routes";

export const dynamic = "force-dynamic";

// The dispatcher counts each request under its route's pattern (roost_http_requests_total).
const dispatch = createApiDispatcher({ routes: apiRoutes });

const handle = (request: Request) => dispatch(request);

export { handle as DELETE, handle as GET, handle as PATCH, handle as POST, handle as PUT };
