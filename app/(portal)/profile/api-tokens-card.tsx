"use client";

import { KeySquare } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { TokenStatus } from "@/lib/api-tokens/token-status";
import { CreatedToken } from "./created-token";
import { NewTokenForm, type TokenLifetime } from "./new-token-form";
import { RevokeTokenButton } from "./revoke-token-button";

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  status: TokenStatus;
  createdOn: string;
  expiresOn: string | null;
  /** "2026-12-01 15:20 from 203.0.113.9", or null when never used. */
  lastUse: string | null;
  revokedOn: string | null;
}

export function ApiTokensCard({
  tokens,
  lifetime,
  highestAdminScope,
}: {
  tokens: ApiTokenView[];
  lifetime: TokenLifetime;
  highestAdminScope: "admin:read" | "admin:write" | null;
}) {
  const t = useTranslations("profile.apiTokens");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>
          {t.rich("description", { code: (chunks) => <code>{chunks}</code> })}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        {created && <CreatedToken created={created} onDone={() => setCreated(null)} />}
        {tokens.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("none")}</p>
        ) : (
          <ul className="divide-y rounded-md border" aria-label={t("listLabel")}>
            {tokens.map((token) => (
              <li key={token.id} className="flex items-center gap-3 p-3">
                <KeySquare className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-1.5">
                    <span className="truncate font-medium">{token.name}</span>
                    {token.scopes.map((scope) => (
                      <Badge key={scope} variant="outline">
                        {scope}
                      </Badge>
                    ))}
                    {token.status !== "active" && (
                      <Badge variant="secondary">{t("status", { status: token.status })}</Badge>
                    )}
                  </div>
                  <div className="truncate text-xs text-muted-foreground">
                    {t.rich("meta", {
                      mono: (chunks) => <span className="font-mono">{chunks}</span>,
                      prefix: token.prefix,
                      created: token.createdOn,
                      end: token.revokedOn
                        ? "revoked"
                        : token.expiresOn
                          ? token.status === "expired"
                            ? "expired"
                            : "expires"
                          : "never",
                      endOn: token.revokedOn ?? token.expiresOn ?? "",
                      lastUse: token.lastUse ?? "",
                      used: token.lastUse ? "yes" : "no",
                    })}
                  </div>
                </div>
                {token.status === "active" && <RevokeTokenButton id={token.id} name={token.name} />}
              </li>
            ))}
          </ul>
        )}
        <NewTokenForm lifetime={lifetime} highestAdminScope={highestAdminScope} onCreated={setCreated} />
      </CardContent>
    </Card>
  );
}
