import { z } from "zod";
import { trustedProxyList } from "@/lib/http/request-identity";
import { DEFAULT_NODE_CONCURRENCY } from "@/lib/proxmox/node-lanes";

const list = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .describe("a comma-separated list");

const flag = z
  .enum(["true", "false", "1", "0"], { message: "expected true or false" })
  .transform((value) => value === "true" || value === "1");

const port = z.coerce
  .number({ message: "expected a TCP port number" })
  .int("expected a TCP port number")
  .min(1, "expected a TCP port number between 1 and 65535")
  .max(65535, "expected a TCP port number between 1 and 65535");

const url = (what: string) => z.url({ message: `expected ${what}` });

const environmentSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ROOST_PUBLIC_URL: url("the portal's public URL, like https://roost.example.org").optional(),
  HOST: z.string().min(1).optional(),
  PORT: port.default(3000),
  ROOST_DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expected a PostgreSQL URL like postgres://user:password@host:5432/roost")
    .optional(),
  AUTH_SECRET: z
    .string()
    .min(32, "expected at least 32 random characters (openssl rand -base64 33)")
    .optional(),
  OIDC_ISSUER: url("the OpenID Connect issuer URL, like https://sso.example.org/realms/lab").optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_DISPLAY_NAME: z.string().min(1).default("Single sign-on"),
  OIDC_SCOPES: z.string().min(1).default("openid profile email groups"),
  OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
  OIDC_ADMIN_GROUPS: list.default(["roost-admins"]),
  OIDC_AUDITOR_GROUPS: list.default(["roost-auditors"]),
  OIDC_MEMBER_GROUPS: list.default(["roost-members"]),
  ROOST_BOOTSTRAP_ADMINS: list.default([]),
  DEMO_IDP_PORT: port.default(3001),
  DEMO_IDP_URL: url("the demo identity provider's URL").optional(),
  ROOST_TRUSTED_PROXIES: list
    .superRefine((entries, context) => {
      try {
        trustedProxyList(entries);
      } catch (error) {
        context.addIssue({
          code: "custom",
          message: `expected addresses or CIDR ranges: ${(error as Error).message}`,
        });
      }
    })
    .default([]),
  PVE_API_URLS: list.optional(),
  PVE_TOKEN_ID: z.string().min(1).optional(),
  PVE_TOKEN_SECRET: z.string().min(1).optional(),
  PVE_FINGERPRINT: z.string().min(1).optional(),
  PVE_INSECURE: flag.default(false),
  PVE_CLUSTER_NAME: z.string().min(1).default("Proxmox VE"),
  PVE_NODE_CONCURRENCY: z.coerce
    .number({ message: "expected a whole number from 1 to 32" })
    .int("expected a whole number from 1 to 32")
    .min(1, "expected a whole number from 1 to 32")
    .max(32, "expected a whole number from 1 to 32")
    .default(DEFAULT_NODE_CONCURRENCY),
  PVE_SIM_PORT: port.default(8006),
  ROOST_SECRET_KEY: z
    .string()
    .min(32, "expected at least 32 random characters or base64 of 32 bytes (openssl rand -base64 32)")
    .optional(),
  ROOST_RELAY_SECRET: z
    .string()
    .min(32, "expected at least 32 random characters (openssl rand -base64 33)")
    .optional(),
  ROOST_RELAY_PORT: port.default(3002),
  ROOST_CONSOLE_URL: z
    .string()
    .regex(
      /^wss?:\/\/[^\s]+$/,
      "expected the console relay's public websocket URL, like wss://roost.example.org/console/ws",
    )
    .optional(),
  ROOST_METRICS_TOKEN: z
    .string()
    .min(16, "expected at least 16 random characters (openssl rand -hex 24)")
    .optional(),
  ROOST_EXPORT_TOKEN: z
    .string()
    .min(32, "expected at least 32 random characters (openssl rand -hex 32)")
    .optional(),
  ROOST_STATUS_PERIOD_MS: z.coerce
    .number({ message: "expected milliseconds, e.g. 10000" })
    .int()
    .min(100, "expected at least 100 milliseconds")
    .default(10_000),
  PVE_SIM_TASK_SPEED: z.coerce.number({ message: "expected a number, e.g. 1 or 10" }).positive().default(1),
  RESEND_API_KEY: z
    .string()
    .regex(/^re_\w+$/, "expected a Resend API key like re_123abc…")
    .optional(),
  ROOST_MAIL_FROM: z
    .string()
    .regex(/^([^<>]+<)?[^\s@<>]+@[^\s@<>]+>?$/, 'expected a sender like "Roost <roost@example.org>"')
    .default("Roost <roost@localhost>"),
  INNGEST_EVENT_KEY: z.string().min(1).optional(),
  INNGEST_SIGNING_KEY: z
    .string()
    .regex(
      /^(signkey-\w+-)?[0-9a-f]+$/i,
      "expected an Inngest signing key like signkey-prod-1a2b3c… (hexadecimal)",
    )
    .optional(),
  INNGEST_BASE_URL: url(
    "the URL of a self-hosted Inngest server, like https://inngest.example.org",
  ).optional(),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface Config extends Environment {
  demo: boolean;
  /** Where durable jobs run: Inngest when its keys are set, otherwise the runner inside the portal. */
  jobs: "inngest" | "embedded";
  publicUrl: string;
  listenHost: string;
  demoIdpUrl: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Roost cannot start; fix these environment variables:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

function describeIssue(issue: z.core.$ZodIssue, env: Record<string, string | undefined>): string {
  const name = String(issue.path[0] ?? "environment");
  const given = env[name] === undefined ? "it is not set" : "the value given is not valid";
  return `${name}: ${issue.message} (${given})`;
}

/** A setting that no longer does anything must not leave an operator believing it does. */
function refuseRetired(env: Record<string, string | undefined>): string[] {
  return env.ROOST_TRUST_PROXY
    ? [
        "ROOST_TRUST_PROXY: replaced by ROOST_TRUSTED_PROXIES; list your reverse proxies' addresses or CIDR ranges (e.g. 10.0.0.0/8) instead",
      ]
    : [];
}

function requireCluster(env: Environment): string[] {
  if (!env.PVE_API_URLS?.length) return [];
  const problems: string[] = [];
  if (!env.PVE_TOKEN_ID)
    problems.push("PVE_TOKEN_ID: required when PVE_API_URLS is set; expected user@realm!tokenname");
  if (!env.PVE_TOKEN_SECRET)
    problems.push("PVE_TOKEN_SECRET: required when PVE_API_URLS is set (it is not set)");
  for (const url of env.PVE_API_URLS) {
    if (!/^https:\/\/[^\s/]+/.test(url))
      problems.push(`PVE_API_URLS: "${url}" is not an https:// URL like https://pve1.example.org:8006`);
  }
  return problems;
}

function requireTogether(env: Environment): string[] {
  if (!env.OIDC_ISSUER) return [];
  const problems: string[] = [];
  if (!env.OIDC_CLIENT_ID) problems.push("OIDC_CLIENT_ID: required when OIDC_ISSUER is set (it is not set)");
  if (!env.OIDC_CLIENT_SECRET)
    problems.push("OIDC_CLIENT_SECRET: required when OIDC_ISSUER is set (it is not set)");
  if (!env.AUTH_SECRET) {
    problems.push("AUTH_SECRET: required when OIDC_ISSUER is set; expected at least 32 random characters");
  }
  if (!env.ROOST_PUBLIC_URL) {
    problems.push("ROOST_PUBLIC_URL: required when OIDC_ISSUER is set; expected the portal's public URL");
  }
  return problems;
}

function requireInngestKeysTogether(env: Environment): string[] {
  const given = [env.INNGEST_EVENT_KEY, env.INNGEST_SIGNING_KEY].filter(Boolean).length;
  if (given === 1) {
    const missing = env.INNGEST_EVENT_KEY ? "INNGEST_SIGNING_KEY" : "INNGEST_EVENT_KEY";
    return [`${missing}: required with the other Inngest key; set both to run jobs on Inngest, or neither`];
  }
  if (env.INNGEST_BASE_URL && given === 0) {
    return ["INNGEST_BASE_URL: set, but INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY are not; set them too"];
  }
  return [];
}

/**
 * Production with real sign-in: a default there would be a shared secret anyone could read in this
 * repository, or a console relay that trusts no one.
 */
function requireProductionSecrets(env: Environment): string[] {
  if (env.NODE_ENV !== "production" || !env.OIDC_ISSUER) return [];
  const problems: string[] = [];
  if (!env.ROOST_RELAY_SECRET)
    problems.push(
      "ROOST_RELAY_SECRET: required in production; the portal and its console relays share it (openssl rand -base64 33)",
    );
  return problems;
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty value (`DATABASE_URL=` in an env file) means "not set", as in most deployment tools.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const result = environmentSchema.safeParse(given);
  if (!result.success) throw new ConfigError(result.error.issues.map((issue) => describeIssue(issue, env)));
  const parsed = result.data;
  const problems = [
    ...refuseRetired(given),
    ...requireTogether(parsed),
    ...requireCluster(parsed),
    ...requireInngestKeysTogether(parsed),
    ...requireProductionSecrets(parsed),
  ];
  if (problems.length > 0) throw new ConfigError(problems);

  const demo = !parsed.OIDC_ISSUER;
  const publicUrl = (parsed.ROOST_PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/$/, "");
  return {
    ...parsed,
    demo,
    jobs: parsed.INNGEST_EVENT_KEY && parsed.INNGEST_SIGNING_KEY ? "inngest" : "embedded",
    publicUrl,
    // A forgotten setting must never open a demo admin login to the network.
    listenHost: parsed.HOST ?? (demo ? "127.0.0.1" : "0.0.0.0"),
    demoIdpUrl: (parsed.DEMO_IDP_URL ?? `http://127.0.0.1:${parsed.DEMO_IDP_PORT}`).replace(/\/$/, ""),
  };
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
