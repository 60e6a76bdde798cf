import { parentPort, workerData } from "node:worker_threads";
import { startSimulator } from "@/pve-sim";

/**
 * The simulator in a thread of its own, so a benchmark's portal does not pay for Proxmox's work: on a
 * real cluster that runs on other machines. Answers "tasks" with how many tasks it has run and API
 * requests it has answered, "close" by closing.
 */
let requests = 0;
const sim = await startSimulator({
  port: 0,
  onExchange: () => {
    requests++;
  },
  dataDir: null,
  taskSpeed: workerData.taskSpeed,
  agentDelaySeconds: 0,
});
parentPort!.on("message", async (request: "tasks" | "close") => {
  if (request === "tasks") parentPort!.postMessage({ tasks: sim.state.tasks.length, requests });
  else {
    await sim.close();
    parentPort!.postMessage({ closed: true });
    parentPort!.close();
  }
});
parentPort!.postMessage({
  url: sim.url,
  tokenId: sim.tokenId,
  tokenSecret: sim.tokenSecret,
  fingerprint: sim.fingerprint,
});
