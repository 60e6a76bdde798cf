import { encryptPwSalt, sha256Crypt } from "./sha256-crypt";

/** qemu-server QemuServer/Helpers.pm windows_version: 5 for wxp/w2k/w2k3, 6 for w2k8/wvista, N for winN. */
export function windowsVersion(ostype: string | undefined): number {
  if (!ostype) return 0;
  if (["wxp", "w2k3", "w2k"].includes(ostype)) return 5;
  if (["w2k8", "wvista"].includes(ostype)) return 6;
  const numbered = /^win(\d+)$/.exec(ostype);
  return numbered ? Number(numbered[1]) : 0;
}

/** The "already a crypt hash" test of update_vm_api, as written there: MD5, SHA-256/512 and bcrypt, not yescrypt `$y$`. */
const cryptHash = /^\$(?:[156]|2[ay])(\$.+){2}/;

/**
 * What PVE writes as `cipassword` on a config update (qemu-server API2/Qemu.pm update_vm_api, 8.4.10 line
 * 2431 and 9.2.6 line 2530): on a VM whose current ostype is not Windows, a value that is not already a
 * `$1$`, `$5$`, `$6$` or `$2a$`/`$2y$` hash is replaced by encrypt_pw's `$5$` hash; a Windows VM keeps it as sent, because
 * cloudbase-init takes the password as given. The ostype is the one before this update.
 */
export function storedCipassword(currentOstype: string | undefined, sent: string): string {
  if (windowsVersion(currentOstype)) return sent;
  return cryptHash.test(sent) ? sent : sha256Crypt(sent, encryptPwSalt());
}
