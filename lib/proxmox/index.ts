export type { BackupVolume, FileRestoreEntry } from "./backups";
export { type ClientOptions, ProxmoxClient } from "./client";
export {
  type ClusterConfig,
  type ClusterConfigInput,
  clusterConfigSchema,
  normalizeFingerprint,
} from "./cluster-config";
export type { ConsoleGrant, ConsoleSocketTarget } from "./console";
export { isProxmoxError, isTransient, ProxmoxError, type ProxmoxErrorKind } from "./errors";
export { macAddressOf } from "./nic";
export { formatPropertyString, parsePropertyString, parseSizeGb } from "./property-string";
export type { CloneRequest, GuestAddress, PowerAction } from "./qemu";
export type { RrdPoint } from "./schemas";
export type { TaskProgress } from "./tasks";
export { connectTls } from "./tls";
export { formatUpid, parseUpid, taskSucceeded, type Upid } from "./upid";
export { decodeSshKeys, encodeSshKeys } from "./wire";
