import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { listApiTokens } from "@/db/queries/api-tokens";
import { listSshKeys } from "@/db/queries/ssh-keys";
import { getUserById } from "@/db/queries/users";
import { roleAllowsScope } from "@/lib/api-tokens/scopes";
import { tokenStatus } from "@/lib/api-tokens/token-status";
import { getCurrentUser } from "@/lib/authz/current-user";
import { isTimeZone } from "@/lib/i18n/locales";
import { timeZoneCookie } from "@/lib/i18n/request-locale";
import { getSetting } from "@/lib/settings/settings";
import { ApiTokensCard } from "./api-tokens-card";
import { LanguageCard } from "./language-card";
import { SshKeysCard } from "./ssh-keys-card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("profile"))("title") };
}

export default async function ProfilePage() {
  const current = await getCurrentUser();
  const user = current && (await getUserById({ id: current.id }));
  if (!user) notFound();
  const [keys, tokens, lifetime, t, format, cookieJar] = await Promise.all([
    listSshKeys({ userId: user.id }),
    listApiTokens({ userId: user.id }),
    getSetting("api.tokens"),
    getTranslations("profile"),
    getFormatter(),
    cookies(),
  ]);
  const now = new Date();
  const day = (date: Date) => format.dateTime(date, "day");
  const reported = cookieJar.get(timeZoneCookie)?.value;
  const rows: [string, string][] = [
    [t("name"), user.name ?? "—"],
    [t("username"), user.username ?? "—"],
    [t("email"), user.email ?? "—"],
    [t("lastSignIn"), user.lastLoginAt ? format.dateTime(user.lastLoginAt, "second") : "—"],
  ];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            {user.name ?? user.username} <Badge variant="secondary">{user.role}</Badge>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            {rows.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-muted-foreground">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
            <dt className="text-muted-foreground">{t("groups")}</dt>
            <dd className="flex flex-wrap gap-1">
              {user.groups.length === 0
                ? "—"
                : user.groups.map((group) => (
                    <Badge key={group} variant="outline">
                      {group}
                    </Badge>
                  ))}
            </dd>
          </dl>
        </CardContent>
      </Card>
      <LanguageCard
        chosen={{ locale: user.locale, timeZone: user.timeZone }}
        zones={Intl.supportedValuesOf("timeZone")}
        browserZone={isTimeZone(reported) ? reported : "UTC"}
      />
      <SshKeysCard
        keys={keys.map((key) => ({
          id: key.id,
          label: key.label,
          fingerprint: key.fingerprint,
          type: key.publicKey.split(" ")[0] ?? "",
          addedOn: day(key.createdAt),
        }))}
      />
      <ApiTokensCard
        tokens={tokens.map((token) => ({
          id: token.id,
          name: token.name,
          prefix: token.prefix,
          scopes: token.scopes,
          status: tokenStatus(token, now),
          createdOn: day(token.createdAt),
          expiresOn: token.expiresAt && day(token.expiresAt),
          lastUse:
            token.lastUsedAt &&
            (token.lastUsedFrom
              ? t("lastUseFrom", { when: token.lastUsedAt, from: token.lastUsedFrom })
              : t("lastUse", { when: token.lastUsedAt })),
          revokedOn: token.revokedAt && day(token.revokedAt),
        }))}
        lifetime={lifetime}
        highestAdminScope={
          roleAllowsScope(user.role, "admin:write")
            ? "admin:write"
            : roleAllowsScope(user.role, "admin:read")
              ? "admin:read"
              : null
        }
      />
    </div>
  );
}
