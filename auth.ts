import NextAuth, { type NextAuthConfig } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import { getUserByAccount, recordSignIn } from "@/db/queries/users";
import type { Role } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { authAdapter, SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "@/lib/authz/auth-adapter";
import { authSecret } from "@/lib/authz/auth-secret";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from "@/lib/authz/demo-client";
import { rolePolicyFor } from "@/lib/authz/role-policy";
import { groupsFromClaim, roleForIdentity } from "@/lib/authz/roles";
import { type SessionUser, sessionUserFrom } from "@/lib/authz/session-user";
import { syncCohortSeats } from "@/lib/cohorts/sync-cohort-seats";
import { type Config, getConfig } from "@/lib/config";
import { log } from "@/lib/log";
import { syncGroupProjects } from "@/lib/projects/sync-group-projects";
import { getRequestContext } from "@/lib/request-context";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { bindShareInvites } from "@/lib/shares/bind-share-invites";

declare module "next-auth" {
  interface Session {
    user: SessionUser;
  }
  interface User {
    role?: Role;
    username?: string | null;
    groups?: string[];
    disabled?: boolean;
    locale?: string | null;
    timeZone?: string | null;
    browserLocale?: string | null;
    browserTimeZone?: string | null;
  }
}

export type OidcClaims = Record<string, unknown> & { sub: string };

/** Who the IdP says signed in, and the portal role that gives them: null when no group lets them in. */
async function identityAndRole(claims: OidcClaims, config: Config) {
  const username =
    typeof claims.preferred_username === "string" ? claims.preferred_username : (claims.sub as string);
  const identity = {
    email: typeof claims.email === "string" ? claims.email : null,
    username,
    groups: groupsFromClaim(claims[config.OIDC_GROUPS_CLAIM]),
  };
  return { identity, role: roleForIdentity(identity, await rolePolicyFor(config)) };
}

/** Demo mode and production take the same path: a generic OpenID Connect provider. */
function oidcProvider(config: Config): OIDCConfig<OidcClaims> {
  return {
    id: "oidc",
    name: config.demo ? "Demo sign-in" : config.OIDC_DISPLAY_NAME,
    type: "oidc",
    issuer: config.demo ? config.demoIdpUrl : config.OIDC_ISSUER,
    clientId: config.demo ? DEMO_CLIENT_ID : config.OIDC_CLIENT_ID,
    clientSecret: config.demo ? DEMO_CLIENT_SECRET : config.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: config.OIDC_SCOPES } },
    checks: ["pkce", "state", "nonce"],
    async profile(claims) {
      const { identity, role } = await identityAndRole(claims, config);
      return {
        id: claims.sub,
        name: typeof claims.name === "string" ? claims.name : identity.username,
        email: identity.email,
        image: typeof claims.picture === "string" ? claims.picture : null,
        username: identity.username,
        groups: identity.groups,
        role: role ?? "member",
      };
    },
  };
}

function authConfig(): NextAuthConfig {
  const config = getConfig();
  // Auth.js builds its callback URL from AUTH_URL; the IdP accepts only the public one.
  process.env.AUTH_URL ??= config.publicUrl;
  return {
    adapter: authAdapter(),
    secret: authSecret(config),
    trustHost: true,
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
    providers: [oidcProvider(config)],
    pages: { signIn: "/signin", error: "/signin" },
    logger: {
      error: (error) => log.error({ err: { name: error.name, message: error.message } }, "auth error"),
      warn: (code) => log.warn({ code }, "auth warning"),
      debug: () => {},
    },
    callbacks: {
      async signIn({ account, profile }) {
        if (!account || !profile) return false;
        const { identity, role } = await identityAndRole(profile as OidcClaims, config);
        const known = await getUserByAccount({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
        });
        const refusal = !role ? "/no-access" : known?.disabled ? "/no-access?reason=disabled" : null;
        if (!refusal) return true;
        await recordAuditEvent({
          actor: { id: known?.id ?? null, label: identity.username ?? identity.email ?? "unknown" },
          action: "session.sign-in",
          result: "denied",
          detail: { reason: known?.disabled ? "disabled" : "no allowed group", groups: identity.groups },
          ...(await getRequestContext()),
        });
        return refusal;
      },
      // Auth.js's own default would let "/\t/host" through; every destination goes through one rule.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeRedirectPath(url, baseUrl)}`;
      },
      // Only what pages need: spreading the adapter's session would hand the cookie's token to JavaScript.
      session({ session, user }) {
        return { user: sessionUserFrom(user), expires: session.expires };
      },
    },
    events: {
      async signIn({ user, profile }) {
        if (!user.id || !profile) return;
        const { identity, role } = await identityAndRole(profile as OidcClaims, config);
        if (!role) return;
        await recordSignIn({ id: user.id, role, groups: identity.groups, username: identity.username });
        await syncGroupProjects({
          id: user.id,
          groups: identity.groups,
          label: user.name ?? identity.username ?? user.id,
        });
        await bindShareInvites({ id: user.id, name: user.name }, profile);
        await syncCohortSeats(
          { id: user.id, groups: identity.groups, label: user.name ?? undefined },
          profile,
        );
        await recordAuditEvent({
          actor: { id: user.id, label: user.name ?? identity.username ?? user.id },
          action: "session.sign-in",
          target: { type: "user", id: user.id },
          result: "success",
          detail: { role, groups: identity.groups },
          ...(await getRequestContext()),
        });
        log.info({ userId: user.id, role }, "signed in");
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
export const { GET, POST } = handlers;
