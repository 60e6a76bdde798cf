import { startRelay } from "./relay";

const secret = process.env.ROOST_RELAY_SECRET;
if (!secret) {
  console.error(
    "ROOST_RELAY_SECRET: required; the portal and the relay share it (at least 32 random characters).",
  );
  process.exit(1);
}
const portalUrl = process.env.ROOST_INTERNAL_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const publicUrl = process.env.ROOST_PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
const origins = (process.env.ROOST_CONSOLE_ORIGINS ?? new URL(publicUrl).origin)
  .split(",")
  .map((origin) => origin.trim());

const relay = await startRelay({
  host: process.env.ROOST_RELAY_HOST ?? "127.0.0.1",
  port: Number(process.env.ROOST_RELAY_PORT ?? 3002),
  portalUrl,
  relaySecret: secret,
  allowedOrigins: origins,
  log: (event) =>
    console.log(JSON.stringify({ app: "roost-relay", time: new Date().toISOString(), ...event })),
});
console.log(`Console relay at ${relay.url} (origins: ${origins.join(", ")})`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    relay.close().finally(() => process.exit(0));
  });
}
