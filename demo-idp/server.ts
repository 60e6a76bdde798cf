import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from "@/lib/authz/demo-client";
import { WindowLimiter } from "@/lib/limits/window-limiter";
import { findDemoAccount } from "./accounts";
import { idpWords } from "./idp-words";
import { renderLoginPage } from "./login-page";
import { createDemoProvider } from "./provider";

export interface DemoIdpOptions {
  host?: string;
  port?: number;
  /** The issuer browsers and the portal use, when it is not this server's own address (behind a proxy, under a path). */
  issuer?: string;
  /** The portal's public URL; its Auth.js callback is the only redirect the IdP accepts. */
  portalUrl: string;
  clientId?: string;
  clientSecret?: string;
  /** Sign-in attempts allowed per client address and account name in a window; default 20 a minute. */
  signInLimit?: { limit: number; windowMs: number };
}

export interface DemoIdp {
  issuer: string;
  port: number;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export async function startDemoIdp(options: DemoIdpOptions): Promise<DemoIdp> {
  const host = options.host ?? "127.0.0.1";
  const clientId = options.clientId ?? DEMO_CLIENT_ID;
  const clientSecret = options.clientSecret ?? DEMO_CLIENT_SECRET;
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const issuer = (options.issuer ?? `http://${host}:${port}`).replace(/\/$/, "");
  const base = new URL(issuer).pathname.replace(/\/$/, "");
  const portal = options.portalUrl.replace(/\/$/, "");
  const provider = createDemoProvider({
    issuer,
    clientId,
    clientSecret,
    redirectUris: [`${portal}/api/auth/callback/oidc`],
    postLogoutRedirectUris: [`${portal}/signin`],
  });
  const providerCallback = provider.callback();
  const attempts = new WindowLimiter(
    options.signInLimit?.limit ?? 20,
    options.signInLimit?.windowMs ?? 60_000,
  );

  async function finishLogin(req: IncomingMessage, res: ServerResponse, username: string) {
    const words = idpWords(req.headers["accept-language"]);
    const retryAfter = attempts.take(`${req.socket.remoteAddress}|${username.toLowerCase()}`);
    if (retryAfter !== null) {
      res.writeHead(429, { "content-type": "text/plain; charset=utf-8", "retry-after": String(retryAfter) });
      res.end(words.t("demoIdp.tooManyAttempts", { seconds: retryAfter }));
      return;
    }
    const account = findDemoAccount(username);
    if (!account) {
      const { uid } = await provider.interactionDetails(req, res);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(renderLoginPage(base, uid, words, words.t("demoIdp.unknownAccount", { username })));
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.username } },
      { mergeWithLastSubmission: false },
    );
  }

  async function handleInteraction(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (req.method === "POST" && url.pathname.endsWith("/login")) {
      const form = await readForm(req);
      await finishLogin(req, res, form.get("username") ?? "");
      return;
    }
    const details = await provider.interactionDetails(req, res);
    const hint = details.params.login_hint;
    if (details.prompt.name === "login" && typeof hint === "string" && findDemoAccount(hint)) {
      await finishLogin(req, res, hint);
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(renderLoginPage(base, details.uid, idpWords(req.headers["accept-language"])));
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    // Served under the issuer's path, the provider sees the rest, as when mounted in an Express app.
    const original = req.url ?? "/";
    if (base && (original === base || original.startsWith(`${base}/`) || original.startsWith(`${base}?`))) {
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = original;
      req.url = original.slice(base.length) || "/";
    }
    const url = new URL(req.url ?? "/", "http://idp");
    if (!url.pathname.startsWith("/interaction/")) {
      providerCallback(req, res);
      return;
    }
    handleInteraction(req, res, url).catch((error: unknown) => {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
      const { t } = idpWords(req.headers["accept-language"]);
      res.end(t("demoIdp.failed", { error: error instanceof Error ? error.message : String(error) }));
    });
  });

  return {
    issuer,
    port,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
