import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browserish } from "./http-driver";
import { Latencies } from "./phases";
import type { Member } from "./seed-members";

const root = path.resolve(import.meta.dirname, "../..");

/** The id Next gave a server action at build time, from the build's server reference manifest. */
export function actionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.filename === filename && entry.exportedName === exportedName,
  );
  if (!found) throw new Error(`no server action ${exportedName} in ${filename} in this build`);
  return found[0];
}

const ACTIONS_FILE = "app/(portal)/vms/actions.ts";

/**
 * A few members act while the load runs, each in turn: stop a VM and start it again (a Proxmox task each,
 * waited for), and renew a lease (the database only). An answer counts when the action says ok.
 */
export function actInTurn(browser: Browserish, members: Member[], everyMs: number) {
  const power = actionId(ACTIONS_FILE, "powerVmAction");
  const renew = actionId(ACTIONS_FILE, "renewLeaseAction");
  const powerLatencies = new Latencies();
  const renewLatencies = new Latencies();
  let turn = 0;
  let running: Promise<void> = Promise.resolve();
  const act = async (member: Member) => {
    const vmId = member.vmIds[0]!;
    for (const action of ["stop", "start"]) {
      const answer = await browser.action(`/vms/${vmId}`, member.sessionToken, power, [{ vmId, action }]);
      powerLatencies.record(answer, answer.status === 200 && answer.body.includes('"ok":true'));
    }
    const answer = await browser.action(`/vms/${vmId}`, member.sessionToken, renew, [{ vmId }]);
    renewLatencies.record(answer, answer.status === 200 && answer.body.includes('"ok":true'));
  };
  const timer = setInterval(() => {
    const member = members[(turn++ * 7919) % members.length]!;
    running = running.then(() => act(member)).catch(() => powerLatencies.fail());
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
    summary: () => ({ power: powerLatencies.summary(), renew: renewLatencies.summary() }),
  };
}
