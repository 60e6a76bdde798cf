import { KeyRound } from "lucide-react";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/authz/current-user";
import { getConfig } from "@/lib/config";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { demoSignInAction, ssoSignInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

const demoPeople = [
  { username: "alice", label: "Alice", role: "member" },
  { username: "bob", label: "Bob", role: "member" },
  { username: "admin", label: "Admin", role: "admin" },
  { username: "audrey", label: "Audrey", role: "auditor" },
];

const errorMessages: Record<string, string> = {
  AccessDenied: "Your account is not allowed to use this portal.",
  Configuration: "Sign-in is not configured correctly. Tell the portal's administrators.",
  OAuthCallbackError: "The sign-in service answered with an error. Try again.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  const config = getConfig();
  const destination = safeRedirectPath(callbackUrl, config.publicUrl);
  if (await getCurrentUser()) redirect(destination);

  return (
    <main className="mx-auto flex min-h-[80dvh] max-w-md flex-col justify-center px-4 py-10">
      <Card>
        <CardHeader>
          <CardTitle className="text-2xl">
            <h1>Sign in to Roost</h1>
          </CardTitle>
          <CardDescription>Virtual machines for your organisation, in a few clicks.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {error && (
            <Alert variant="destructive">
              <AlertTitle>Sign-in failed</AlertTitle>
              <AlertDescription>
                {errorMessages[error] ?? "Something went wrong. Try again."}
              </AlertDescription>
            </Alert>
          )}
          {config.demo ? (
            <>
              <p className="text-sm text-muted-foreground">
                Pick a demo person. Each one signs in through the demo identity provider.
              </p>
              <div className="grid grid-cols-2 gap-2">
                {demoPeople.map((person) => (
                  <form key={person.username} action={demoSignInAction}>
                    <input type="hidden" name="username" value={person.username} />
                    <input type="hidden" name="callbackUrl" value={destination} />
                    <Button type="submit" variant="outline" className="h-auto w-full flex-col py-3">
                      <span className="font-semibold">{person.label}</span>
                      <span className="text-xs text-muted-foreground">{person.role}</span>
                    </Button>
                  </form>
                ))}
              </div>
              <form action={ssoSignInAction}>
                <input type="hidden" name="callbackUrl" value={destination} />
                <Button type="submit" variant="link" className="w-full">
                  Choose another account at the demo identity provider
                </Button>
              </form>
            </>
          ) : (
            <form action={ssoSignInAction}>
              <input type="hidden" name="callbackUrl" value={destination} />
              <Button type="submit" className="w-full" size="lg">
                <KeyRound />
                Sign in with {config.OIDC_DISPLAY_NAME}
              </Button>
            </form>
          )}
        </CardContent>
      </Card>
    </main>
  );
}
