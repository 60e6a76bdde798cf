import { vi } from "vitest";

// "server-only" throws outside a React Server Components bundle; tests import server modules directly.
vi.mock("server-only", () => ({}));

// What Next gives server code about a request: the headers after the proxy (tests/helpers/request.ts).
vi.mock("next/headers", async () => {
  const { currentRequestHeaders } = await import("./request");
  return { headers: async () => currentRequestHeaders(), cookies: async () => new Map() };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

// Sessions come from the database through the real Auth.js adapter; tests choose whose cookie is sent.
vi.mock("@/auth", async () => {
  const { authLikeAuthJs } = await import("./session");
  return {
    auth: authLikeAuthJs,
    signIn: async () => {},
    signOut: async () => {},
  };
});
