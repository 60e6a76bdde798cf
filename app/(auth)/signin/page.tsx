import { KeyRound } from "lucide-react";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/authz/current-user";
import { getConfig } from "@/lib/config";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { demoSignInAction, ssoSignInAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("auth.signIn");
  return { title: t("metaTitle") };
}

const demoPeople = [
  { username: "alice", label: "Alice", role: "member" }, // i18n-ignore: a demo account's name
  { username: "bob", label: "Bob", role: "member" }, // i18n-ignore: a demo account's name
  { username: "admin", label: "Admin", role: "admin" }, // i18n-ignore: a demo account's name
  { username: "audrey", label: "Audrey", role: "auditor" }, // i18n-ignore: a demo account's name
] as const;

// Auth.js's error codes that have words of their own; any other reads as the generic failure.
const knownErrors = ["AccessDenied", "Configuration", "OAuthCallbackError"] as const;
const isKnownError = (code: string | undefined): code is (typeof knownErrors)[number] =>
  knownErrors.some((known) => known === code);

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  const config = getConfig();
  const destination = safeRedirectPath(callbackUrl, config.publicUrl);
  if (await getCurrentUser()) redirect(destination);
  const t = await getTranslations("auth.signIn");
  const tc = await getTranslations("common");

  return (
    <main className="mx-auto flex min-h-[80dvh] max-w-md flex-col justify-center px-4 py-10">
      <Card>
        <CardHeader>
          <CardTitle className="text-2xl">
            <h1>{t("title")}</h1>
          </CardTitle>
          <CardDescription>{t("description")}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {error && (
            <Alert variant="destructive">
              <AlertTitle>{t("failed")}</AlertTitle>
              <AlertDescription>
                {isKnownError(error) ? t(`errors.${error}`) : t("errors.other")}
              </AlertDescription>
            </Alert>
          )}
          {config.demo ? (
            <>
              <p className="text-sm text-muted-foreground">{t("pickDemo")}</p>
              <div className="grid grid-cols-2 gap-2">
                {demoPeople.map((person) => (
                  <form key={person.username} action={demoSignInAction}>
                    <input type="hidden" name="username" value={person.username} />
                    <input type="hidden" name="callbackUrl" value={destination} />
                    <Button type="submit" variant="outline" className="h-auto w-full flex-col py-3">
                      <span className="font-semibold">{person.label}</span>
                      <span className="text-xs text-muted-foreground">{tc(`roles.${person.role}`)}</span>
                    </Button>
                  </form>
                ))}
              </div>
              <form action={ssoSignInAction}>
                <input type="hidden" name="callbackUrl" value={destination} />
                <Button type="submit" variant="link" className="w-full">
                  {t("otherDemo")}
                </Button>
              </form>
            </>
          ) : (
            <form action={ssoSignInAction}>
              <input type="hidden" name="callbackUrl" value={destination} />
              <Button type="submit" className="w-full" size="lg">
                <KeyRound />
                {t("withProvider", { provider: config.OIDC_DISPLAY_NAME })}
              </Button>
            </form>
          )}
        </CardContent>
      </Card>
    </main>
  );
}
