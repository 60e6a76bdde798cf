import { startSimulator } from "./index";

const simulator = await startSimulator({
  port: Number(process.env.PVE_SIM_PORT ?? 8006),
  host: process.env.PVE_SIM_HOST ?? "127.0.0.1",
  token: process.env.PVE_SIM_TOKEN || undefined,
  dataDir: process.env.PVE_SIM_PERSIST === "0" ? null : (process.env.PVE_SIM_DATA ?? ".data/pve-sim"),
  taskSpeed: Number(process.env.PVE_SIM_TASK_SPEED ?? 1),
  pveVersion: process.env.PVE_SIM_VERSION === "8.4" ? "8.4" : "9.1",
});

console.log(`Proxmox VE simulator at ${simulator.url}/api2/json
  API token:   ${simulator.token}
  Fingerprint: ${simulator.fingerprint}
Try: curl -k -H 'Authorization: PVEAPIToken=${simulator.token}' ${simulator.apiUrl}/version`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    simulator.close().finally(() => process.exit(0));
  });
}
