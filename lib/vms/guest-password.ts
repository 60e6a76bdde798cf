import "server-only";
import type { Template } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { openSecret, SecretBoxError, sealSecret } from "@/lib/crypto/secret-box";
import { secretKeyFor } from "@/lib/crypto/secret-key";
import { sha512Crypt } from "@/lib/crypto/sha512-crypt";
import { sha512CryptOffThread } from "@/lib/crypto/sha512-crypt-thread";
import { message } from "@/lib/i18n/message";
import { isCloudinitDrive } from "./cd-drive-slot";
import { ProvisionFailure } from "./provisioning-steps";

/**
 * How a VM's one-time password travels to Proxmox. Proxmox hashes `cipassword` itself, except for a
 * Windows ostype, where cloudbase-init takes it as given (qemu-server API2/Qemu.pm update_vm_api; Cloudinit.pm
 * cloudbase_configdrive2_metadata `admin_pass`). So Linux gets a SHA-512 crypt hash, and the plain password
 * never leaves the request; Windows must get the plain one, which the durable job carries only sealed
 * with ROOST_SECRET_KEY, bound to the VM, so the job table, Inngest's event store and logs hold ciphertext.
 */
export type GuestPassword =
  | { passwordHash: string; sealedPassword?: never }
  | { sealedPassword: string; passwordHash?: never };

/** qemu-server QemuServer/Helpers.pm windows_version: what makes Proxmox treat a VM as Windows. */
export function isWindowsOstype(ostype: unknown): boolean {
  return typeof ostype === "string" && /^(wxp|w2k|w2k3|w2k8|wvista|win\d+)$/.test(ostype);
}

/** What an admin may have written as the catalog's OS: "Windows", "Windows Server 2025", or an ostype. */
function catalogSaysWindows(os: string): boolean {
  return /windows/i.test(os) || isWindowsOstype(os);
}

const driveKey = /^(ide|sata|scsi|virtio)\d+$/;

export type PasswordRoute = { windows: boolean } | { refusal: string };

/**
 * Whether a template can take the portal's one-time password, from its config on Proxmox and its catalog
 * entry; a refusal says why in words a member can act on.
 */
export function passwordRoute(template: Template, config: Record<string, unknown>): PasswordRoute {
  const windows = isWindowsOstype(config.ostype);
  const saidWindows = windows || catalogSaysWindows(template.os);
  const cloudInit = Object.entries(config).some(
    ([key, value]) => driveKey.test(key) && isCloudinitDrive(value),
  );
  if (!cloudInit) {
    return {
      refusal: saidWindows
        ? `${template.label} cannot take a password from Roost: its template has no cloud-init drive, through which cloudbase-init would set the Administrator password, so the VM would start with a password nobody knows. Ask an admin to add a CloudInit drive to template ${template.vmid} (with cloudbase-init installed in the image).`
        : `${template.label} cannot take a password from Roost: its template has no cloud-init drive, so the VM would start with a password nobody knows. Ask an admin to add a CloudInit drive to template ${template.vmid}.`,
    };
  }
  if (saidWindows && !windows) {
    return {
      refusal: `${template.label} is listed as Windows, but Proxmox has template ${template.vmid} with OS type "${String(config.ostype ?? "other")}", so it would turn the password into a hash that Windows cannot use. Ask an admin to set the template's OS type to Windows.`,
    };
  }
  return { windows };
}

const sealContext = (vmId: string) => `vm-password:${vmId}`;

/** The form the durable job carries; for Windows this needs ROOST_SECRET_KEY (demo mode keeps its own). */
export async function guestPassword(
  vmId: string,
  password: string,
  windows: boolean,
): Promise<GuestPassword> {
  if (!windows) return { passwordHash: await sha512CryptOffThread(password) };
  return { sealedPassword: sealSecret(secretKeyFor(getConfig()), password, sealContext(vmId)) };
}

/** Whether a Windows password can be sealed here, as a sentence for the member if not. */
export function sealingRefusal(): string | null {
  try {
    secretKeyFor(getConfig());
    return null;
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    return message("errors.vm.sealingUnavailable");
  }
}

/**
 * The `cipassword` to send for the VM as it was cloned, checked against its ostype there: a hash never
 * goes to a Windows VM (it would become the literal password), the plain password never to another.
 */
export function cipasswordFor(vmId: string, password: GuestPassword, ostype: unknown): string {
  const windows = isWindowsOstype(ostype);
  if (password.passwordHash !== undefined) {
    if (windows)
      throw new ProvisionFailure(
        "The template became a Windows one after this VM was requested. Please create it again.",
      );
    return password.passwordHash;
  }
  let plain: string;
  try {
    plain = openSecret(secretKeyFor(getConfig()), password.sealedPassword, sealContext(vmId));
  } catch (error) {
    if (error instanceof SecretBoxError) throw new ProvisionFailure(error.message);
    throw error;
  }
  return windows ? plain : sha512Crypt(plain);
}
