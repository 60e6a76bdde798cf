import { generateKeyPairSync, randomBytes } from "node:crypto";
import Provider, { type Configuration } from "oidc-provider";
import { findDemoAccount } from "./accounts";
import { idpWords } from "./idp-words";

export interface DemoProviderOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

function signingKey() {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...privateKey.export({ format: "jwk" }), use: "sig", alg: "RS256", kid: "demo" };
}

export function createDemoProvider(options: DemoProviderOptions): Provider {
  const configuration: Configuration = {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    async findAccount(_ctx, id) {
      const account = findDemoAccount(id);
      if (!account) return undefined;
      return {
        accountId: account.username,
        async claims() {
          return {
            sub: account.username,
            name: account.name,
            preferred_username: account.username,
            email: account.email,
            email_verified: true,
            groups: account.groups,
          };
        },
      };
    },
    claims: {
      openid: ["sub"],
      profile: ["name", "preferred_username"],
      email: ["email", "email_verified"],
      groups: ["groups"],
    },
    scopes: ["openid", "profile", "email", "groups"],
    // Put every claim in the ID token, as Keycloak and Authentik do by default.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: {
      url: (_ctx, interaction) =>
        `${new URL(options.issuer).pathname.replace(/\/$/, "")}/interaction/${interaction.uid}`,
    },
    // The demo portal is a first-party client: consent is implied, as a company IdP configures it.
    async loadExistingGrant(ctx) {
      const clientId = ctx.oidc.client?.clientId;
      const accountId = ctx.oidc.session?.accountId;
      if (!clientId || !accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope("openid profile email groups");
      grant.addOIDCClaims(["groups", "preferred_username", "name", "email", "email_verified"]);
      await grant.save();
      return grant;
    },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    jwks: { keys: [signingKey()] },
    ttl: {
      Session: 8 * 3600,
      Interaction: 600,
      Grant: 8 * 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      AccessToken: 3600,
    },
    renderError(ctx, out) {
      const { lang, t } = idpWords(ctx.get("accept-language"));
      ctx.type = "html";
      ctx.body = `<!doctype html><html lang="${lang}"><title>${escapeHtml(t("demoIdp.errorTitle"))}</title><h1>${escapeHtml(t("demoIdp.errorHeading"))}</h1><pre>${escapeHtml(
        `${out.error}: ${out.error_description ?? ""}`,
      )}</pre>`;
    },
  };
  return new Provider(options.issuer, configuration);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
