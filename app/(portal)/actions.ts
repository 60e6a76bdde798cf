"use server";

import { signOut } from "@/auth";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getCurrentUser } from "@/lib/authz/current-user";
import { displayName } from "@/lib/authz/display-name";
import { getRequestContext } from "@/lib/request-context";

export async function signOutAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) {
    await recordAuditEvent({
      actor: { id: user.id, label: displayName(user) },
      action: "session.sign-out",
      target: { type: "user", id: user.id },
      result: "success",
      ...(await getRequestContext()),
    });
  }
  await signOut({ redirectTo: "/signin" });
}
