import { windowsVersion } from "./cloudinit-password";
import type { CloudinitMedium, SimVm } from "./model";

const driveKey = /^(ide|sata|scsi|virtio)\d+$/;

/** Cloudinit.pm generate_cloudinit_config: only a volume named `vm-<this vmid>-cloudinit` is written. */
export function hasOwnCloudinitDrive(vm: SimVm): boolean {
  return Object.entries(vm.config).some(
    ([key, value]) => driveKey.test(key) && value.split(",")[0]!.includes(`vm-${vm.vmid}-cloudinit`),
  );
}

/** Cloudinit.pm get_cloudinit_format: citype, else configdrive2 for Windows (cloudbase-init), else nocloud. */
function formatOf(config: Record<string, string>): string {
  return config.citype ?? (windowsVersion(config.ostype) ? "configdrive2" : "nocloud");
}

function sshKeysOf(config: Record<string, string>): string[] {
  if (!config.sshkeys) return [];
  return decodeURIComponent(config.sshkeys)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /\S/.test(line));
}

/** Cloudinit.pm cloudinit_userdata (the same in 8.4.10 and 9.2.6), unmasked as the drive gets it. */
function userData(vm: SimVm): string {
  const { config } = vm;
  let hostname = config.name ?? `VM${vm.vmid}`;
  let fqdn = hostname;
  if (hostname.includes(".")) hostname = hostname.replace(/\..*$/, "");
  else if (config.searchdomain) fqdn = `${hostname}.${config.searchdomain}`;
  const user = config.ciuser;
  const lines = ["#cloud-config", `hostname: ${hostname}`, "manage_etc_hosts: true", `fqdn: ${fqdn}`];
  if (user !== undefined) lines.push(`user: ${user}`);
  if (user === "root") lines.push("disable_root: False");
  if (config.cipassword !== undefined) lines.push(`password: ${config.cipassword}`);
  const keys = sshKeysOf(config);
  if (config.sshkeys !== undefined) lines.push("ssh_authorized_keys:", ...keys.map((key) => `  - ${key}`));
  lines.push("chpasswd:", "  expire: False");
  if (user !== "root") lines.push("users:", "  - default");
  if (config.ciupgrade === undefined || config.ciupgrade === "1") lines.push("package_upgrade: true");
  return `${lines.join("\n")}\n`;
}

/**
 * Cloudinit.pm cloudbase_configdrive2_metadata: for a Windows guest the password is `admin_pass`, exactly
 * as stored (update_vm_api did not hash it), and the keys are `public_keys`. The uuid is left out: PVE
 * derives it from the network data, which the simulator does not write.
 */
function cloudbaseMetaData(config: Record<string, string>): string {
  const meta: Record<string, unknown> = { network_config: { content_path: "/content/0000" } };
  if (config.cipassword) meta.admin_pass = config.cipassword;
  const keys = sshKeysOf(config);
  if (config.sshkeys !== undefined)
    meta.public_keys = Object.fromEntries(keys.map((key, index) => [`key-${index}`, key]));
  return JSON.stringify(meta);
}

/**
 * What vm_start's apply_cloudinit_config writes on the VM's cloud-init drive, so that tests can see what
 * the guest would read: the files that carry the user, the password and the keys (user data, and for
 * Windows the cloudbase-init meta data). Network and vendor data are not written; neither is the
 * opennebula format, which only an admin's `citype` would choose. Null when there is no drive.
 */
export function cloudinitMedium(vm: SimVm, now: number): CloudinitMedium | null {
  if (!hasOwnCloudinitDrive(vm)) return null;
  const format = formatOf(vm.config);
  const user = userData(vm);
  const files: Record<string, string> =
    format === "nocloud"
      ? { "/user-data": user }
      : format === "configdrive2"
        ? {
            "/openstack/latest/user_data": user,
            ...(windowsVersion(vm.config.ostype)
              ? { "/openstack/latest/meta_data.json": cloudbaseMetaData(vm.config) }
              : {}),
          }
        : {};
  return { format, writtenAt: now, files };
}
