import { ProxmoxClient } from "@/lib/proxmox";
import { adoptAnyVmGrant, backupStorageGrant, backupVmsGrant, pveMajor } from "@/lib/proxmox/portal-access";
import { setUpPortalToken } from "@/lib/proxmox/set-up-portal-token";
import type { RunningSimulator } from "@/pve-sim";

/**
 * The demo's portal does not use the simulator's all-powerful token: it gets its own, made through the
 * access API with the steps of docs/proxmox-setup.md (and its optional grants for adopting VMs and for
 * the backup storages `pbs` and `local`, which the demo shows), exactly as an operator makes one on a real
 * cluster.
 */
export async function givePortalItsToken(simulator: RunningSimulator) {
  const admin = new ProxmoxClient({
    id: "simulator-admin",
    name: "Simulator",
    apiUrls: [simulator.url],
    tokenId: simulator.tokenId,
    tokenSecret: simulator.tokenSecret,
    fingerprint: simulator.fingerprint,
  });
  try {
    const portal = { userid: "roost@pve", tokenName: "portal" };
    const templateVmids = simulator.state.vms.filter((vm) => vm.config.template === "1").map((vm) => vm.vmid);
    return await setUpPortalToken(
      admin,
      { ...portal, major: pveMajor((await admin.version()).release), templateVmids },
      [
        adoptAnyVmGrant(portal),
        backupStorageGrant(portal, "pbs"),
        backupStorageGrant(portal, "local"),
        backupVmsGrant(portal),
      ],
    );
  } finally {
    admin.close();
  }
}
