"use server";

import { z } from "zod";
import { signIn } from "@/auth";
import { getConfig } from "@/lib/config";
import { safeRedirectPath } from "@/lib/safe-redirect";

const demoSignIn = z.object({
  username: z.enum(["alice", "bob", "admin", "audrey"]),
  callbackUrl: z.string().optional(),
});

/** One click as a demo person: the same OpenID Connect flow, with the account named in login_hint. */
export async function demoSignInAction(formData: FormData): Promise<void> {
  if (!getConfig().demo) throw new Error("Demo accounts are off: this portal uses single sign-on.");
  const input = demoSignIn.parse(Object.fromEntries(formData));
  await signIn(
    "oidc",
    { redirectTo: safeRedirectPath(input.callbackUrl, getConfig().publicUrl) },
    { login_hint: input.username },
  );
}

export async function ssoSignInAction(formData: FormData): Promise<void> {
  await signIn("oidc", { redirectTo: safeRedirectPath(formData.get("callbackUrl"), getConfig().publicUrl) });
}
