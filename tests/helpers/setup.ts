import { vi } from "vitest";

// "server-only" throws outside a React Server Components bundle; tests import server modules directly.
vi.mock("server-only", () => ({}));

// What Next gives server code about a request.
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-request-id": "test-request", "x-forwarded-for": "198.51.100.7" }),
  cookies: async () => new Map(),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

// Sessions come from the database through the real Auth.js adapter; tests choose whose cookie is sent.
vi.mock("@/auth", async () => {
  const { sessionFromCookie } = await import("./session");
  return {
    auth: sessionFromCookie,
    signIn: async () => {},
    signOut: async () => {},
  };
});
