export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before anything is served: the proxy reads each connection's peer from what this writes.
  const { installPeerAddressHook } = await import("@/lib/http/peer-address-hook");
  installPeerAddressHook();
  const { ConfigError, getConfig } = await import("@/lib/config");
  const { log } = await import("@/lib/log");
  let config: ReturnType<typeof getConfig>;
  try {
    config = getConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Next logs a failed instrumentation hook and serves anyway; a portal missing its settings must not.
    console.error(error.message);
    process.exit(1);
  }
  const { ensureMigrated } = await import("@/db/migrate");
  await ensureMigrated();
  const { prepareAtStart } = await import("@/lib/startup");
  await prepareAtStart(config);
  if (config.jobs === "embedded") {
    const { startEmbeddedRunner } = await import("@/lib/jobs/start-embedded-runner");
    await startEmbeddedRunner();
  }
  // Only now: until the portal is ready, Next holds every request, and Next's own /api/live answers them.
  const { serveAheadOfNext } = await import("@/lib/http/ahead-of-next");
  const { takeLiveRequest } = await import("@/lib/http/live-endpoint");
  serveAheadOfNext(takeLiveRequest);
  log.info(
    {
      demo: config.demo,
      database: config.DATABASE_URL ? "postgres" : "pglite",
      jobs: config.jobs,
      url: config.publicUrl,
    },
    "Roost is ready",
  );
}
