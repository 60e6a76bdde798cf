import type { CurrentUser } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { forbidden, invalid } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import type { LiveScope, LiveTopic } from "./live-stream";

const VM_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface LiveRequest {
  scope: LiveScope;
  topic: LiveTopic;
  vmId: string | undefined;
}

/**
 * What a tab asks of /api/live: `?scope=own` (default) the person's VMs, `?scope=admin` everyone's for
 * admins and auditors; `&vm=<id>` narrows either to one VM. `?scope=admin&topic=jobs` carries background
 * jobs instead, for the admin jobs page. Throws the 400 of a bad parameter.
 */
export function parseLiveRequest(params: URLSearchParams): LiveRequest {
  const scope = params.get("scope") ?? "own";
  if (scope !== "own" && scope !== "admin") throw invalid(message("errors.live.badScope"), "scope");
  const topic = params.get("topic") ?? "vms";
  if (topic !== "vms" && topic !== "jobs") throw invalid(message("errors.live.badTopic"), "topic");
  if (topic === "jobs" && scope !== "admin") throw invalid(message("errors.live.jobsNeedAdmin"), "topic");
  const vmId = params.get("vm") ?? undefined;
  if (vmId !== undefined && !VM_ID.test(vmId)) throw invalid(message("errors.live.badVm"), "vm");
  return { scope, topic, vmId };
}

/** Throws the 403 of a signed-in person asking for a stream their role does not give them. */
export function authorizeLiveRequest(user: CurrentUser, { scope }: LiveRequest): void {
  if (scope === "admin" && !can(user.role, "admin:read")) throw forbidden(message("errors.live.adminOnly"));
}
