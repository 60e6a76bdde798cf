import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type CurrentUser, getCurrentUser } from "@/lib/authz/current-user";
import { displayName } from "@/lib/authz/display-name";
import { can, type Permission } from "@/lib/authz/permissions";
import { DomainError, forbidden, isDomainError, notFound } from "@/lib/errors";
import { isLocale } from "@/lib/i18n/locales";
import { byAnyKey, message } from "@/lib/i18n/message";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { log } from "@/lib/log";
import { getRequestContext, type RequestContext } from "@/lib/request-context";
import { type VmOwner, vmOwnerFrom } from "@/lib/vms/vm-owner";
import { type ActionResult, domainFailure } from "./action-result";

export interface ActionContext extends RequestContext {
  user: CurrentUser;
  /** The user as the audit log and VM timelines name them. */
  actor: AuditActor;
  /** The user as the owner of a VM they ask for. */
  owner: VmOwner;
  audit(entry: {
    action: string;
    target?: { type: string; id: string };
    detail?: Record<string, unknown>;
  }): Promise<void>;
}

interface ActionOptions<S extends z.ZodType> {
  /** Names the action in the audit log, e.g. "user.disable". */
  name: string;
  permission: Permission;
  input: S;
}

/**
 * Wraps a server action: parses its input, loads the user, checks the permission on the server and turns
 * every failure into a typed result. A caller without the permission learns nothing (404 for members and
 * anonymous callers; 403 for auditors, who may know admin pages exist).
 */
export function validatedAction<S extends z.ZodType, T>(
  options: ActionOptions<S>,
  handler: (input: z.output<S>, context: ActionContext) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    const [request, user, locale, translations] = await Promise.all([
      getRequestContext(),
      getCurrentUser(),
      getLocale(),
      getTranslations(),
    ]);
    const t = byAnyKey(translations);
    const failure = (error: DomainError) => domainFailure(error, t);
    if (!user) return failure(notFound());
    const actor = { id: user.id, label: displayName(user) };
    if (!can(user.role, options.permission)) {
      await recordAuditEvent({ actor, action: options.name, result: "denied", ...request });
      return failure(user.role === "member" ? notFound() : forbidden(message("errors.action.readOnlyRole")));
    }
    const parsed = options.input.safeParse(raw, isLocale(locale) ? zodParseOptions(locale) : undefined);
    if (!parsed.success) {
      const { fieldErrors } = z.flattenError(parsed.error) as { fieldErrors: Record<string, string[]> };
      return failure(new DomainError("invalid", message("errors.action.checkFields"), { fieldErrors }));
    }
    const context: ActionContext = {
      ...request,
      user,
      actor,
      owner: vmOwnerFrom(user),
      audit: (entry) => recordAuditEvent({ actor, result: "success", ...request, ...entry }),
    };
    try {
      return { ok: true, data: await handler(parsed.data, context) };
    } catch (error) {
      if (isDomainError(error)) return failure(error);
      log.error({ err: error, action: options.name, requestId: request.requestId }, "action failed");
      await recordAuditEvent({ actor, action: options.name, result: "failure", ...request }).catch(() => {});
      return {
        ok: false,
        status: 500,
        error: t("errors.action.internal", { reference: request.requestId ?? "none" }),
      };
    }
  };
}
