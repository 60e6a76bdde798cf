import { startDemoIdp } from "./server";

const idp = await startDemoIdp({
  host: process.env.DEMO_IDP_HOST ?? "127.0.0.1",
  port: Number(process.env.DEMO_IDP_PORT ?? 3001),
  portalUrl: process.env.ROOST_PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
});
console.log(`Demo identity provider at ${idp.issuer} (demo accounts: alice, bob, admin, audrey, eve)`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    idp.close().finally(() => process.exit(0));
  });
}
