import { ProxmoxClient } from "@/lib/proxmox";
import { adoptAnyVmGrant, pveMajor } from "@/lib/proxmox/portal-access";
import { setUpPortalToken } from "@/lib/proxmox/set-up-portal-token";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "@/pve-sim";

export interface TestCluster {
  sim: RunningSimulator;
  /** The portal's own token, made through the access API as docs/proxmox-setup.md says. */
  client: ProxmoxClient;
  /** The simulator's token, which holds every privilege: for setting a scene the portal could not. */
  admin: ProxmoxClient;
  tokenId: string;
  tokenSecret: string;
  close(): Promise<void>;
}

export interface TestAccess {
  /** The guide's optional grant that lets admins adopt and operate VMs the portal did not make. */
  adoptAnyVm?: boolean;
  /** Use the simulator's own token: only for tests of the simulator itself. */
  superuser?: boolean;
}

function clientFor(sim: RunningSimulator, tokenId: string, tokenSecret: string, options = {}) {
  return new ProxmoxClient(
    {
      id: "sim",
      name: "Simulator",
      apiUrls: [sim.url],
      tokenId,
      tokenSecret,
      fingerprint: sim.fingerprint,
    },
    { timeoutMs: 5000, ...options },
  );
}

/**
 * The simulator on a free loopback port with fast tasks, and a client pinned to its certificate that
 * holds only the privileges the setup guide grants the portal.
 */
export async function startTestCluster(
  options: SimulatorOptions = {},
  clientOptions = {},
  access: TestAccess = {},
): Promise<TestCluster> {
  const sim = await startSimulator({
    port: 0,
    dataDir: null,
    taskSpeed: 20,
    agentDelaySeconds: 0.3,
    // PVE's 10 s flock wait and 3 s guest-ping, shortened as the tasks are.
    flockTimeoutMs: 500,
    agentPingTimeoutMs: 150,
    ...options,
  });
  const admin = clientFor(sim, sim.tokenId, sim.tokenSecret, clientOptions);
  let token = { tokenId: sim.tokenId, secret: sim.tokenSecret };
  if (!access.superuser) {
    const templates = sim.state.vms.filter((vm) => vm.config.template === "1").map((vm) => vm.vmid);
    const portal = { userid: "roost@pve", tokenName: "portal" };
    const major = pveMajor((await admin.version()).release);
    token = await setUpPortalToken(
      admin,
      { ...portal, major, templateVmids: templates },
      access.adoptAnyVm ? [adoptAnyVmGrant(portal)] : [],
    );
  }
  const client = access.superuser ? admin : clientFor(sim, token.tokenId, token.secret, clientOptions);
  return {
    sim,
    client,
    admin,
    tokenId: token.tokenId,
    tokenSecret: token.secret,
    async close() {
      client.close();
      admin.close();
      await sim.close();
    },
  };
}

/**
 * A VM made as the portal makes one: cloned from a template into a member's pool (created when missing),
 * with the portal's own token, so it inherits the pool's ACLs, and tagged `roost`, the portal's mark.
 */
export async function cloneMemberVm(
  client: ProxmoxClient,
  vm: { newid: number; name: string; template?: number; node?: string; pool?: string; full?: boolean },
): Promise<void> {
  const pool = vm.pool ?? "roost-test";
  if (!(await client.pools()).some((candidate) => candidate.poolid === pool)) await client.createPool(pool);
  const upid = await client.qemu.clone(vm.node ?? "pve1", vm.template ?? 9000, {
    newid: vm.newid,
    name: vm.name,
    pool,
    ...(vm.full !== undefined ? { full: vm.full } : {}),
  });
  await client.tasks.wait(upid, { initialDelayMs: 20 });
  await client.qemu.updateConfig(vm.node ?? "pve1", vm.newid, { tags: "roost" });
}
