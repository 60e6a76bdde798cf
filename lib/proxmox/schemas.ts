import { z } from "zod";

// PVE sends numbers as strings now and then, booleans as 0/1, and leaves fields out freely.
const num = z.coerce.number();
const optionalNum = z.coerce.number().optional();
const flag = z
  .union([z.boolean(), z.number(), z.string()])
  .transform((value) => value === true || value === 1 || value === "1")
  .optional();

export const versionSchema = z.looseObject({
  version: z.string(),
  release: z.string(),
  repoid: z.string().optional(),
});

export const clusterResourceSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  node: z.string().optional(),
  vmid: optionalNum,
  name: z.string().optional(),
  status: z.string().optional(),
  template: flag,
  pool: z.string().optional(),
  tags: z.string().optional(),
  maxcpu: optionalNum,
  cpu: optionalNum,
  maxmem: optionalNum,
  mem: optionalNum,
  maxdisk: optionalNum,
  disk: optionalNum,
  uptime: optionalNum,
  storage: z.string().optional(),
  lock: z.string().optional(),
});
export type ClusterResource = z.infer<typeof clusterResourceSchema>;

export const nodeSchema = z.looseObject({
  node: z.string(),
  status: z.string(),
  cpu: optionalNum,
  maxcpu: optionalNum,
  mem: optionalNum,
  maxmem: optionalNum,
  disk: optionalNum,
  maxdisk: optionalNum,
  uptime: optionalNum,
});
export type NodeSummary = z.infer<typeof nodeSchema>;

export const nodeStatusSchema = z.looseObject({
  cpu: optionalNum,
  uptime: optionalNum,
  memory: z.looseObject({ total: num, used: num, free: num }).optional(),
  cpuinfo: z.looseObject({ cpus: optionalNum, cores: optionalNum, sockets: optionalNum }).optional(),
  pveversion: z.string().optional(),
});

export const storageSchema = z.looseObject({
  storage: z.string(),
  type: z.string().optional(),
  content: z.string().optional(),
  active: flag,
  enabled: flag,
  shared: flag,
  total: optionalNum,
  used: optionalNum,
  avail: optionalNum,
});
export type StorageSummary = z.infer<typeof storageSchema>;

export const storageContentSchema = z.looseObject({
  volid: z.string(),
  content: z.string(),
  format: z.string().optional(),
  size: optionalNum,
  vmid: optionalNum,
  ctime: optionalNum,
});
export type StorageContent = z.infer<typeof storageContentSchema>;

export const qemuListItemSchema = z.looseObject({
  vmid: num,
  name: z.string().optional(),
  status: z.string(),
  template: flag,
  cpus: optionalNum,
  maxmem: optionalNum,
  maxdisk: optionalNum,
  lock: z.string().optional(),
  tags: z.string().optional(),
});

export const qemuStatusSchema = z.looseObject({
  vmid: num,
  status: z.enum(["running", "stopped"]),
  qmpstatus: z.string().optional(),
  name: z.string().optional(),
  cpus: optionalNum,
  cpu: optionalNum,
  mem: optionalNum,
  maxmem: optionalNum,
  maxdisk: optionalNum,
  uptime: optionalNum,
  agent: flag,
  lock: z.string().optional(),
  template: flag,
  netin: optionalNum,
  netout: optionalNum,
  diskread: optionalNum,
  diskwrite: optionalNum,
});
export type QemuStatus = z.infer<typeof qemuStatusSchema>;

export const qemuConfigSchema = z.record(z.string(), z.union([z.string(), z.number()]).transform(String));
export type QemuConfig = z.infer<typeof qemuConfigSchema>;

export const pendingSchema = z.looseObject({
  key: z.string(),
  value: z.union([z.string(), z.number()]).transform(String).optional(),
  pending: z.union([z.string(), z.number()]).transform(String).optional(),
  delete: optionalNum,
});

export const taskStatusSchema = z.looseObject({
  upid: z.string(),
  node: z.string(),
  status: z.enum(["running", "stopped"]),
  exitstatus: z.string().optional(),
  type: z.string(),
  id: z.string().optional(),
  user: z.string(),
  starttime: optionalNum,
});
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const taskLogLineSchema = z.object({ n: num, t: z.string() });

// Proxmox omits a figure RRD does not know; a null must stay unknown too, not coerce to 0.
const rrdFigure = z.preprocess((value) => (value === null ? undefined : value), optionalNum);

export const rrdPointSchema = z.looseObject({
  time: num,
  cpu: rrdFigure,
  maxcpu: rrdFigure,
  mem: rrdFigure,
  maxmem: rrdFigure,
  netin: rrdFigure,
  netout: rrdFigure,
  diskread: rrdFigure,
  diskwrite: rrdFigure,
});
export type RrdPoint = z.infer<typeof rrdPointSchema>;

export const snapshotSchema = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  snaptime: optionalNum,
  parent: z.string().optional(),
  vmstate: flag,
  /** "prepare" while the snapshot is being taken (the VM is locked `snapshot` meanwhile). */
  snapstate: z.string().optional(),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export const vncProxySchema = z.looseObject({
  port: num,
  ticket: z.string(),
  password: z.string().optional(),
  cert: z.string().optional(),
  upid: z.string().optional(),
  user: z.string().optional(),
});

export const termProxySchema = z.looseObject({
  port: num,
  ticket: z.string(),
  upid: z.string().optional(),
  user: z.string(),
});

export const poolSchema = z.looseObject({
  poolid: z.string(),
  comment: z.string().optional(),
  members: z.array(z.looseObject({ id: z.string(), type: z.string(), vmid: optionalNum })).optional(),
});
export type Pool = z.infer<typeof poolSchema>;

export const agentInterfacesSchema = z.object({
  result: z.array(
    z.looseObject({
      name: z.string(),
      "hardware-address": z.string().optional(),
      "ip-addresses": z
        .array(
          z.looseObject({ "ip-address": z.string(), "ip-address-type": z.string(), prefix: optionalNum }),
        )
        .optional(),
    }),
  ),
});
