import { z } from "zod";
import { isProxmoxError } from "./errors";
import {
  agentInterfacesSchema,
  pendingSchema,
  type QemuConfig,
  type QemuStatus,
  qemuConfigSchema,
  qemuListItemSchema,
  qemuStatusSchema,
  type RrdPoint,
  rrdPointSchema,
  type Snapshot,
  snapshotSchema,
} from "./schemas";
import type { Transport } from "./transport";
import type { Params } from "./wire";

export type PowerAction = "start" | "shutdown" | "stop" | "reboot" | "reset" | "suspend" | "resume";

export interface CloneRequest {
  newid: number;
  name?: string;
  target?: string;
  full?: boolean;
  pool?: string;
  storage?: string;
  description?: string;
}

export interface GuestAddress {
  interface: string;
  mac: string | null;
  address: string;
  family: "ipv4" | "ipv6";
  prefix: number | null;
}

const upidSchema = z.string();

/** The QEMU endpoints of one cluster, by node and VM id. */
export class QemuApi {
  constructor(private readonly transport: Transport) {}

  private vmPath(node: string, vmid: number, rest = ""): string {
    return `/nodes/${node}/qemu/${vmid}${rest}`;
  }

  async list(node: string) {
    return z.array(qemuListItemSchema).parse(await this.transport.call("GET", `/nodes/${node}/qemu`));
  }

  async create(node: string, vmid: number, params: Params): Promise<string> {
    return upidSchema.parse(await this.transport.call("POST", `/nodes/${node}/qemu`, { vmid, ...params }));
  }

  async clone(node: string, vmid: number, request: CloneRequest): Promise<string> {
    const params: Params = { ...request };
    return upidSchema.parse(await this.transport.call("POST", this.vmPath(node, vmid, "/clone"), params));
  }

  async config(node: string, vmid: number, { current = false } = {}): Promise<QemuConfig> {
    const answer = await this.transport.call("GET", this.vmPath(node, vmid, "/config"), {
      current: current || undefined,
    });
    return qemuConfigSchema.parse(answer);
  }

  /** PUT: applied before the call returns. */
  async updateConfig(node: string, vmid: number, params: Params): Promise<void> {
    await this.transport.call("PUT", this.vmPath(node, vmid, "/config"), params);
  }

  /** POST: runs as a task; returns its UPID. */
  async updateConfigAsync(node: string, vmid: number, params: Params): Promise<string> {
    return upidSchema.parse(await this.transport.call("POST", this.vmPath(node, vmid, "/config"), params));
  }

  async pending(node: string, vmid: number) {
    return z
      .array(pendingSchema)
      .parse(await this.transport.call("GET", this.vmPath(node, vmid, "/pending")));
  }

  /** Grows a disk; PVE refuses to shrink. `size` is absolute (`40G`) or an increase (`+8G`). */
  async resize(node: string, vmid: number, disk: string, size: string): Promise<string | null> {
    const answer = await this.transport.call("PUT", this.vmPath(node, vmid, "/resize"), { disk, size });
    return typeof answer === "string" ? answer : null;
  }

  async destroy(node: string, vmid: number, { purge = true } = {}): Promise<string> {
    const params = { purge, "destroy-unreferenced-disks": true };
    return upidSchema.parse(await this.transport.call("DELETE", this.vmPath(node, vmid), params));
  }

  async status(node: string, vmid: number): Promise<QemuStatus> {
    return qemuStatusSchema.parse(
      await this.transport.call("GET", this.vmPath(node, vmid, "/status/current")),
    );
  }

  async power(node: string, vmid: number, action: PowerAction, params: Params = {}): Promise<string> {
    return upidSchema.parse(
      await this.transport.call("POST", this.vmPath(node, vmid, `/status/${action}`), params),
    );
  }

  async rrd(
    node: string,
    vmid: number,
    timeframe: "hour" | "day" | "week" | "month" | "year",
    cf: "AVERAGE" | "MAX" = "AVERAGE",
  ): Promise<RrdPoint[]> {
    const answer = await this.transport.call("GET", this.vmPath(node, vmid, "/rrddata"), { timeframe, cf });
    return z.array(rrdPointSchema).parse(answer);
  }

  /** The guest's addresses from its agent; null when no agent answers (not running or not installed). */
  async guestAddresses(node: string, vmid: number): Promise<GuestAddress[] | null> {
    let answer: unknown;
    try {
      answer = await this.transport.call("GET", this.vmPath(node, vmid, "/agent/network-get-interfaces"));
    } catch (error) {
      if (isProxmoxError(error) && error.status === 500 && /agent/i.test(error.reason ?? "")) return null;
      throw error;
    }
    const { result } = agentInterfacesSchema.parse(answer);
    return result.flatMap((nic) =>
      (nic["ip-addresses"] ?? [])
        .filter(
          (ip) =>
            nic.name !== "lo" && !ip["ip-address"].startsWith("fe80") && !ip["ip-address"].startsWith("127."),
        )
        .map((ip) => ({
          interface: nic.name,
          mac: nic["hardware-address"] ?? null,
          address: ip["ip-address"],
          family: ip["ip-address-type"] === "ipv6" ? ("ipv6" as const) : ("ipv4" as const),
          prefix: ip.prefix ?? null,
        })),
    );
  }

  async snapshots(node: string, vmid: number): Promise<Snapshot[]> {
    const answer = await this.transport.call("GET", this.vmPath(node, vmid, "/snapshot"));
    return z
      .array(snapshotSchema)
      .parse(answer)
      .filter((snapshot) => snapshot.name !== "current");
  }

  async createSnapshot(
    node: string,
    vmid: number,
    snapname: string,
    { description, vmstate }: { description?: string; vmstate?: boolean } = {},
  ): Promise<string> {
    const answer = await this.transport.call("POST", this.vmPath(node, vmid, "/snapshot"), {
      snapname,
      description,
      vmstate,
    });
    return upidSchema.parse(answer);
  }

  /** `start` boots the VM once rolled back (PVE 7.2+); a snapshot with RAM resumes running anyway. */
  async rollbackSnapshot(
    node: string,
    vmid: number,
    snapname: string,
    { start }: { start?: boolean } = {},
  ): Promise<string> {
    return upidSchema.parse(
      await this.transport.call(
        "POST",
        this.vmPath(node, vmid, `/snapshot/${encodeURIComponent(snapname)}/rollback`),
        start ? { start } : {},
      ),
    );
  }

  async deleteSnapshot(node: string, vmid: number, snapname: string): Promise<string> {
    return upidSchema.parse(
      await this.transport.call(
        "DELETE",
        this.vmPath(node, vmid, `/snapshot/${encodeURIComponent(snapname)}`),
      ),
    );
  }

  async snapshotConfig(node: string, vmid: number, snapname: string): Promise<QemuConfig> {
    const answer = await this.transport.call(
      "GET",
      this.vmPath(node, vmid, `/snapshot/${encodeURIComponent(snapname)}/config`),
    );
    return qemuConfigSchema.parse(answer);
  }
}
