import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { expect } from "vitest";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";

/** Cookies as a browser keeps them: the latest value of each name. */
class CookieJar {
  private readonly values = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      this.values.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  }
  header() {
    return [...this.values].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

export type AuthHandlers = {
  GET(request: NextRequest): Promise<Response>;
  POST(request: NextRequest): Promise<Response>;
};

/** A whole sign-in as a browser makes it: the portal's sign-in form, the provider, the callback. Answers the user's id. */
export async function signInAs(
  { handlers, portal, issuer }: { handlers: AuthHandlers; portal: string; issuer: string },
  username: string,
): Promise<string> {
  const portalJar = new CookieJar();
  const idpJar = new CookieJar();
  const csrf = await handlers.GET(new NextRequest(`${portal}/api/auth/csrf`));
  portalJar.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const start = await handlers.POST(
    new NextRequest(`${portal}/api/auth/signin/oidc?login_hint=${username}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: portalJar.header() },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${portal}/` }).toString(),
    }),
  );
  portalJar.take(start);
  let location = start.headers.get("location")!;
  expect(location.startsWith(issuer)).toBe(true);
  for (let hop = 0; hop < 10 && location.startsWith(issuer); hop++) {
    const answer = await fetch(location, { redirect: "manual", headers: { cookie: idpJar.header() } });
    idpJar.take(answer);
    location = new URL(answer.headers.get("location")!, location).toString();
  }
  expect(location.startsWith(`${portal}/api/auth/callback/oidc`)).toBe(true);
  const done = await handlers.GET(new NextRequest(location, { headers: { cookie: portalJar.header() } }));
  expect(done.status, await done.clone().text()).toBe(302);
  expect(done.headers.get("location")).toBe(`${portal}/`);
  const [user] = await getDb().select().from(users).where(eq(users.username, username));
  return user!.id;
}
