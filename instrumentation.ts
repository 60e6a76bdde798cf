export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("@/lib/config");
  const { log } = await import("@/lib/log");
  const config = getConfig();
  const { ensureMigrated } = await import("@/db/migrate");
  await ensureMigrated();
  const { prepareCluster } = await import("@/lib/clusters/prepare-cluster");
  await prepareCluster(config);
  if (config.jobs === "embedded") {
    const { startEmbeddedRunner } = await import("@/lib/jobs/start-embedded-runner");
    await startEmbeddedRunner();
  }
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
