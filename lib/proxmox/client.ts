import { z } from "zod";
import { AccessApi } from "./access";
import { BackupApi } from "./backups";
import { type ClusterConfig, type ClusterConfigInput, clusterConfigSchema } from "./cluster-config";
import { ConsoleApi } from "./console";
import { QemuApi } from "./qemu";
import { ResourceCache } from "./resource-cache";
import {
  type NodeSummary,
  nodeSchema,
  nodeStatusSchema,
  type Pool,
  poolSchema,
  type StorageContent,
  type StorageSummary,
  storageContentSchema,
  storageSchema,
  versionSchema,
} from "./schemas";
import { TaskApi } from "./tasks";
import { Transport, type TransportOptions } from "./transport";

export interface ClientOptions extends TransportOptions {
  resourceCacheMs?: number;
  /** The first wait between a task's status reads (250 ms). */
  taskPollMs?: number;
}

/** Everything the portal asks of one Proxmox VE cluster. */
export class ProxmoxClient {
  readonly cluster: ClusterConfig;
  readonly transport: Transport;
  readonly qemu: QemuApi;
  readonly tasks: TaskApi;
  readonly console: ConsoleApi;
  readonly access: AccessApi;
  readonly backups: BackupApi;
  readonly resources: ResourceCache;

  constructor(cluster: ClusterConfigInput, options: ClientOptions = {}) {
    this.cluster = clusterConfigSchema.parse(cluster);
    this.transport = new Transport(this.cluster, options);
    this.qemu = new QemuApi(this.transport);
    this.tasks = new TaskApi(this.transport, options.taskPollMs);
    this.console = new ConsoleApi(this.transport, this.cluster);
    this.access = new AccessApi(this.transport);
    this.backups = new BackupApi(this.transport);
    this.resources = new ResourceCache(this.transport, options.resourceCacheMs);
  }

  /** Upstream HTTP calls made so far, for benchmarks and metrics. */
  get upstreamCalls(): number {
    return this.transport.calls;
  }

  async version() {
    return versionSchema.parse(await this.transport.call("GET", "/version"));
  }

  async nextVmid(): Promise<number> {
    return z.coerce
      .number()
      .int()
      .parse(await this.transport.call("GET", "/cluster/nextid"));
  }

  /** True when the id is free; PVE answers 400 for a taken one. */
  async isVmidFree(vmid: number): Promise<boolean> {
    try {
      await this.transport.call("GET", "/cluster/nextid", { vmid });
      return true;
    } catch (error) {
      if ((error as { status?: number }).status === 400) return false;
      throw error;
    }
  }

  async nodes(): Promise<NodeSummary[]> {
    return z.array(nodeSchema).parse(await this.transport.call("GET", "/nodes"));
  }

  async nodeStatus(node: string) {
    return nodeStatusSchema.parse(await this.transport.call("GET", `/nodes/${node}/status`));
  }

  async storages(node: string, { content }: { content?: string } = {}): Promise<StorageSummary[]> {
    return z
      .array(storageSchema)
      .parse(await this.transport.call("GET", `/nodes/${node}/storage`, { content }));
  }

  async storageContent(
    node: string,
    storage: string,
    { content }: { content?: string } = {},
  ): Promise<StorageContent[]> {
    const answer = await this.transport.call("GET", `/nodes/${node}/storage/${storage}/content`, { content });
    return z.array(storageContentSchema).parse(answer);
  }

  async pools(): Promise<Pool[]> {
    return z.array(poolSchema).parse(await this.transport.call("GET", "/pools"));
  }

  async pool(poolid: string): Promise<Pool | null> {
    const answer = z.array(poolSchema).parse(await this.transport.call("GET", "/pools", { poolid }));
    return answer[0] ?? null;
  }

  async createPool(poolid: string, comment?: string): Promise<void> {
    await this.transport.call("POST", "/pools", { poolid, comment });
  }

  async addToPool(poolid: string, vmids: number[]): Promise<void> {
    await this.transport.call("PUT", "/pools", { poolid, vms: vmids.join(",") });
  }

  /**
   * PVE 9.1's bulk power (`/cluster/bulk-action/guest/start|shutdown`): one task that powers the listed
   * guests a few at a time; a shutdown is forced after `timeout` unless `forceStop` is false. Its UPID.
   */
  async bulkPower(
    action: "start" | "shutdown",
    vmids: number[],
    { maxWorkers, timeout, forceStop }: { maxWorkers?: number; timeout?: number; forceStop?: boolean } = {},
  ): Promise<string> {
    return z.string().parse(
      await this.transport.call("POST", `/cluster/bulk-action/guest/${action}`, {
        vms: vmids,
        "max-workers": maxWorkers,
        timeout,
        ...(action === "shutdown" ? { "force-stop": forceStop } : {}),
      }),
    );
  }

  close(): void {
    this.transport.close();
  }
}
