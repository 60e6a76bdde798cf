import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Crypt } from "@/pve-sim/state/sha256-crypt";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { simRequest, simStateOverHttp } from "../helpers/sim-request";

let cluster: TestCluster;
beforeAll(async () => {
  // A test of the simulator itself: its all-privileged token.
  cluster = await startTestCluster({}, {}, { superuser: true });
});
afterAll(() => cluster.close());

const wait = (upid: string) => cluster.client.tasks.wait(upid, { initialDelayMs: 20 });
const stored = (vmid: number) => cluster.sim.state.vms.find((vm) => vm.vmid === vmid)!;
const sha512Hash =
  "$6$rounds5000salt$3u9ZQ7kT0cS0m8mA4i0I0tL5dTQ3bq1dR0yO5n3u8V3nRkF0mYk3c9x1d6n8o5c3Q7u2p4k6m8n0b2v4c6x8z0";

async function linuxVm(newid: number) {
  await wait(await cluster.client.qemu.clone("pve1", 9000, { newid, name: `linux-${newid}`, full: false }));
  return newid;
}

/** The simulator's Windows template has no cloud-init drive; an admin adds one, as for cloudbase-init. */
async function windowsVm(newid: number, withDrive = true) {
  await wait(await cluster.client.qemu.clone("pve1", 9002, { newid, name: `win-${newid}`, full: false }));
  if (withDrive) await cluster.client.qemu.updateConfig("pve1", newid, { ide2: "local-lvm:cloudinit" });
  return newid;
}

describe("cipassword, as qemu-server update_vm_api stores it", () => {
  it("a plain password on a Linux VM is stored as encrypt_pw's $5$ SHA-256 crypt hash of it", async () => {
    const vmid = await linuxVm(4400);
    await cluster.client.qemu.updateConfig("pve1", vmid, { cipassword: "correct horse" });
    const hash = stored(vmid).config.cipassword!;
    const [, scheme, salt] = hash.split("$");
    expect(scheme).toBe("5");
    expect(salt).toMatch(/^[A-Za-z0-9/X]{8}$/);
    expect(hash).toBe(sha256Crypt("correct horse", salt!));
  });

  it("a value that already is a $6$ or $1$ crypt hash is kept; yescrypt's $y$ is not recognised and hashed again", async () => {
    const vmid = await linuxVm(4401);
    await cluster.client.qemu.updateConfig("pve1", vmid, { cipassword: sha512Hash });
    expect(stored(vmid).config.cipassword).toBe(sha512Hash);
    await cluster.client.qemu.updateConfig("pve1", vmid, {
      cipassword: "$1$abcdefgh$0123456789abcdefghijkl",
    });
    expect(stored(vmid).config.cipassword).toBe("$1$abcdefgh$0123456789abcdefghijkl");
    await cluster.client.qemu.updateConfig("pve1", vmid, { cipassword: "$y$j9T$salt$hash" });
    expect(stored(vmid).config.cipassword).toMatch(/^\$5\$/);
  });

  it("a Windows VM keeps the password exactly as sent, plain or not", async () => {
    const vmid = await windowsVm(4402);
    await cluster.client.qemu.updateConfig("pve1", vmid, { cipassword: "Plain-Pa55word" });
    expect(stored(vmid).config.cipassword).toBe("Plain-Pa55word");
    await cluster.client.qemu.updateConfig("pve1", vmid, { cipassword: sha512Hash });
    expect(stored(vmid).config.cipassword).toBe(sha512Hash);
  });

  it("decides on the ostype before the update: switching to Windows in the same call still hashes", async () => {
    const vmid = await linuxVm(4403);
    await cluster.client.qemu.updateConfig("pve1", vmid, { ostype: "win11", cipassword: "Plain-Pa55word" });
    expect(stored(vmid).config.cipassword).toMatch(/^\$5\$/);
    await cluster.client.qemu.updateConfig("pve1", vmid, { cipassword: "Plain-Pa55word" });
    expect(stored(vmid).config.cipassword).toBe("Plain-Pa55word");
  });

  it("is written at once on a running VM, not left pending", async () => {
    const vmid = await linuxVm(4404);
    await wait(await cluster.client.qemu.power("pve1", vmid, "start"));
    await cluster.client.qemu.updateConfig("pve1", vmid, { cipassword: "while running" });
    expect(stored(vmid).pending.cipassword).toBeUndefined();
    expect(stored(vmid).config.cipassword).toBe(
      sha256Crypt("while running", stored(vmid).config.cipassword!.split("$")[2]!),
    );
  });

  it("a create stores it as sent (create_vm hashes nothing)", async () => {
    await wait(
      (
        await simRequest<string>(cluster.sim, "POST", "/nodes/pve1/qemu", {
          vmid: "4405",
          cipassword: "as-sent",
        })
      ).data,
    );
    expect(stored(4405).config.cipassword).toBe("as-sent");
  });

  it("GET config and pending show ********** whatever is stored", async () => {
    const vmid = await windowsVm(4406);
    await cluster.client.qemu.updateConfig("pve1", vmid, { cipassword: "Plain-Pa55word" });
    expect((await cluster.client.qemu.config("pve1", vmid)).cipassword).toBe("**********");
    const pending = await simRequest<{ key: string; value?: string }[]>(
      cluster.sim,
      "GET",
      `/nodes/pve1/qemu/${vmid}/pending`,
    );
    expect(pending.data.find((entry) => entry.key === "cipassword")?.value).toBe("**********");
  });
});

describe("what the guest reads from its cloud-init drive, written at start (Cloudinit.pm)", () => {
  it("a Linux guest gets nocloud user data whose password is the stored hash", async () => {
    const vmid = await linuxVm(4410);
    await cluster.client.qemu.updateConfig("pve1", vmid, { ciuser: "debian", cipassword: "correct horse" });
    await wait(await cluster.client.qemu.power("pve1", vmid, "start"));
    const medium = (await simStateOverHttp(cluster.sim)).vms.find((vm) => vm.vmid === vmid)!.cloudinit!;
    expect(medium.format).toBe("nocloud");
    const userData = medium.files["/user-data"]!;
    expect(userData).toContain("user: debian\n");
    expect(userData).toContain(`password: ${stored(vmid).config.cipassword}\n`);
    expect(userData).not.toContain("correct horse");
  });

  it("a Windows guest gets configdrive2 for cloudbase-init, with the plain password as admin_pass", async () => {
    const vmid = await windowsVm(4411);
    await cluster.client.qemu.updateConfig("pve1", vmid, {
      ciuser: "Administrator",
      cipassword: "Plain-Pa55word",
    });
    await wait(await cluster.client.qemu.power("pve1", vmid, "start"));
    const medium = (await simStateOverHttp(cluster.sim)).vms.find((vm) => vm.vmid === vmid)!.cloudinit!;
    expect(medium.format).toBe("configdrive2");
    expect(JSON.parse(medium.files["/openstack/latest/meta_data.json"]!)).toMatchObject({
      admin_pass: "Plain-Pa55word",
    });
    expect(medium.files["/openstack/latest/user_data"]).toContain("password: Plain-Pa55word\n");
  });

  it("a VM without a cloud-init drive gets none written, and its start does not log generating one", async () => {
    const vmid = await windowsVm(4412, false);
    await cluster.client.qemu.updateConfig("pve1", vmid, { cipassword: "Plain-Pa55word" });
    const upid = await cluster.client.qemu.power("pve1", vmid, "start");
    await wait(upid);
    expect(stored(vmid).cloudinit).toBeUndefined();
    expect((await cluster.client.tasks.log(upid)).map((line) => line.t)).not.toContain(
      "generating cloud-init ISO",
    );
  });
});
