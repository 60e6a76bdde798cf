import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration", () => {
  it("needs no variable at all for the embedded demo", () => {
    const config = parseConfig({});
    expect(config.demo).toBe(true);
    expect(config.listenHost).toBe("127.0.0.1");
    expect(config.publicUrl).toBe("http://localhost:3000");
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("names a malformed variable and says what it expects", () => {
    const [problem] = problemsOf({ PORT: "eighty" });
    expect(problem).toMatch(/^PORT: expected a TCP port number/);
  });

  it("rejects a database URL that is not PostgreSQL, naming it", () => {
    const [problem] = problemsOf({ DATABASE_URL: "mysql://localhost/roost" });
    expect(problem).toContain("DATABASE_URL");
    expect(problem).toContain("postgres://");
  });

  it("lists every bad variable at once", () => {
    const problems = problemsOf({ PORT: "0", LOG_LEVEL: "loud", ROOST_PUBLIC_URL: "not a url" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["LOG_LEVEL", "PORT", "ROOST_PUBLIC_URL"]);
  });

  it("turns demo mode off once an issuer is set, and then demands what single sign-on needs", () => {
    const problems = problemsOf({ OIDC_ISSUER: "https://sso.example.org/realms/lab" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "AUTH_SECRET",
      "OIDC_CLIENT_ID",
      "OIDC_CLIENT_SECRET",
      "ROOST_PUBLIC_URL",
    ]);
  });

  it("listens on every interface only outside demo mode, unless told otherwise", () => {
    const production = parseConfig({
      OIDC_ISSUER: "https://sso.example.org/realms/lab",
      OIDC_CLIENT_ID: "roost",
      OIDC_CLIENT_SECRET: "s3cret",
      AUTH_SECRET: "x".repeat(40),
      ROOST_PUBLIC_URL: "https://roost.example.org/",
    });
    expect(production.demo).toBe(false);
    expect(production.listenHost).toBe("0.0.0.0");
    expect(production.publicUrl).toBe("https://roost.example.org");
    expect(parseConfig({ HOST: "0.0.0.0" }).listenHost).toBe("0.0.0.0");
  });

  it("reads group lists and treats empty values as unset", () => {
    const config = parseConfig({ OIDC_ADMIN_GROUPS: " ops , infra-admins ,", DATABASE_URL: "" });
    expect(config.OIDC_ADMIN_GROUPS).toEqual(["ops", "infra-admins"]);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("runs jobs inside the portal unless both Inngest keys are set", () => {
    expect(parseConfig({}).jobs).toBe("embedded");
    const onInngest = parseConfig({
      INNGEST_EVENT_KEY: "evt_key",
      INNGEST_SIGNING_KEY: "signkey-prod-0a1b2c3d",
      INNGEST_BASE_URL: "https://inngest.example.org",
    });
    expect(onInngest.jobs).toBe("inngest");
    expect(parseConfig({ INNGEST_EVENT_KEY: "evt_key", INNGEST_SIGNING_KEY: "0a1b2c3d" }).jobs).toBe(
      "inngest",
    );
  });

  it("refuses one Inngest key without the other, or a server URL without keys, naming what is missing", () => {
    expect(problemsOf({ INNGEST_EVENT_KEY: "evt_key" })).toEqual([
      "INNGEST_SIGNING_KEY: required with the other Inngest key; set both to run jobs on Inngest, or neither",
    ]);
    expect(problemsOf({ INNGEST_SIGNING_KEY: "signkey-prod-0a1b" })[0]).toMatch(
      /^INNGEST_EVENT_KEY: required/,
    );
    expect(problemsOf({ INNGEST_BASE_URL: "https://inngest.example.org" })[0]).toMatch(
      /^INNGEST_BASE_URL: set, but/,
    );
    expect(problemsOf({ INNGEST_EVENT_KEY: "k", INNGEST_SIGNING_KEY: "not hex!" })[0]).toMatch(
      /^INNGEST_SIGNING_KEY: expected an Inngest signing key/,
    );
  });
});

describe("production settings", () => {
  const production = {
    NODE_ENV: "production",
    OIDC_ISSUER: "https://sso.example.org/realms/lab",
    OIDC_CLIENT_ID: "roost",
    ROOST_PUBLIC_URL: "https://roost.example.org",
    PVE_API_URLS: "https://pve1.example.org:8006",
    PVE_TOKEN_ID: "roost@pve!portal",
    INNGEST_EVENT_KEY: "evt_key",
  };

  it("refuse to start without the secrets they need, naming each one in the error", () => {
    let message = "";
    try {
      parseConfig(production);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as ConfigError).message;
    }
    for (const name of [
      "AUTH_SECRET",
      "OIDC_CLIENT_SECRET",
      "ROOST_RELAY_SECRET",
      "PVE_TOKEN_SECRET",
      "INNGEST_SIGNING_KEY",
    ]) {
      expect(message).toContain(`  - ${name}: required`);
    }
  });

  it("start once every secret is given", () => {
    const config = parseConfig({
      ...production,
      AUTH_SECRET: "a".repeat(44),
      OIDC_CLIENT_SECRET: "client-secret",
      ROOST_RELAY_SECRET: "r".repeat(44),
      PVE_TOKEN_SECRET: "5f0c8a42-0000-4d2b-9c1e-000000000001",
      INNGEST_SIGNING_KEY: "signkey-prod-0a1b2c3d",
    });
    expect(config.demo).toBe(false);
    expect(config.jobs).toBe("inngest");
  });

  it("leave the relay secret optional outside production, where npm start makes one up", () => {
    const { NODE_ENV: _, ...development } = production;
    expect(problemsOf({ ...development, OIDC_CLIENT_SECRET: "s", AUTH_SECRET: "a".repeat(44) })).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^ROOST_RELAY_SECRET/)]),
    );
  });

  it("take a metrics token of at least 16 characters", () => {
    expect(problemsOf({ ROOST_METRICS_TOKEN: "short" })[0]).toMatch(
      /^ROOST_METRICS_TOKEN: expected at least 16/,
    );
    expect(parseConfig({ ROOST_METRICS_TOKEN: "m".repeat(32) }).ROOST_METRICS_TOKEN).toBe("m".repeat(32));
  });
});

describe("cluster settings", () => {
  it("need the token once an API URL is given, and only https URLs", () => {
    const problems = (() => {
      try {
        parseConfig({ PVE_API_URLS: "http://pve1:8006, https://pve2.example.org:8006" });
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    })();
    expect(problems.map((p) => p.split(":")[0])).toEqual([
      "PVE_TOKEN_ID",
      "PVE_TOKEN_SECRET",
      "PVE_API_URLS",
    ]);
    expect(problems[2]).toContain('"http://pve1:8006" is not an https:// URL');
  });

  it("keep pveproxy's three requests per node unless PVE_NODE_CONCURRENCY says another whole number", () => {
    expect(parseConfig({}).PVE_NODE_CONCURRENCY).toBe(3);
    expect(parseConfig({ PVE_NODE_CONCURRENCY: "6" }).PVE_NODE_CONCURRENCY).toBe(6);
    for (const value of ["0", "2.5", "33", "many"])
      expect(problemsOf({ PVE_NODE_CONCURRENCY: value })).toEqual([
        expect.stringMatching(/^PVE_NODE_CONCURRENCY: expected a whole number from 1 to 32/),
      ]);
  });

  it("reads the trusted proxies as addresses and CIDR ranges, naming an entry that is neither", () => {
    expect(
      parseConfig({ ROOST_TRUSTED_PROXIES: "10.0.0.0/8, 192.0.2.1,fd00::/8" }).ROOST_TRUSTED_PROXIES,
    ).toEqual(["10.0.0.0/8", "192.0.2.1", "fd00::/8"]);
    expect(problemsOf({ ROOST_TRUSTED_PROXIES: "10.0.0.0/8,caddy" })[0]).toMatch(
      /^ROOST_TRUSTED_PROXIES: expected addresses or CIDR ranges: "caddy" is not/,
    );
    expect(problemsOf({ ROOST_TRUSTED_PROXIES: "10.0.0.0/33" })[0]).toMatch(/"10.0.0.0\/33"/);
  });

  it("stops on the retired ROOST_TRUST_PROXY, pointing to ROOST_TRUSTED_PROXIES", () => {
    expect(problemsOf({ ROOST_TRUST_PROXY: "true" })).toEqual([
      expect.stringMatching(/^ROOST_TRUST_PROXY: replaced by ROOST_TRUSTED_PROXIES/),
    ]);
  });
});
