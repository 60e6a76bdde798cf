import type { ClusterConfig } from "./cluster-config";
import { termProxySchema, vncProxySchema } from "./schemas";
import type { TlsPolicy } from "./tls";
import type { Transport } from "./transport";

export interface ConsoleGrant {
  port: number;
  /** The full vncticket: goes back to Proxmox in the websocket URL. */
  ticket: string;
  /** The RFB password the browser types: `password` since qemu-server 8.4.7, else the ticket itself. */
  vncPassword: string;
  upid: string | null;
  user: string | null;
}

export interface ConsoleSocketTarget {
  url: string;
  headers: Record<string, string>;
  tls: TlsPolicy;
  /** PVE's websocket proxy expects the `binary` subprotocol, as its own clients send. */
  protocols: string[];
}

export class ConsoleApi {
  constructor(
    private readonly transport: Transport,
    private readonly cluster: ClusterConfig,
  ) {}

  async vncproxy(node: string, vmid: number): Promise<ConsoleGrant> {
    const answer = vncProxySchema.parse(
      await this.transport.call("POST", `/nodes/${node}/qemu/${vmid}/vncproxy`, { websocket: true }),
    );
    return {
      port: answer.port,
      ticket: answer.ticket,
      vncPassword: answer.password ?? answer.ticket,
      upid: answer.upid ?? null,
      user: answer.user ?? null,
    };
  }

  async termproxy(node: string, vmid: number, serial = "serial0"): Promise<ConsoleGrant> {
    const answer = termProxySchema.parse(
      await this.transport.call("POST", `/nodes/${node}/qemu/${vmid}/termproxy`, { serial }),
    );
    return {
      port: answer.port,
      ticket: answer.ticket,
      vncPassword: answer.ticket,
      upid: answer.upid ?? null,
      user: answer.user,
    };
  }

  /** Where the console relay connects, with the credentials and TLS policy to use; never sent to a browser. */
  websocketTarget(
    node: string,
    vmid: number,
    grant: Pick<ConsoleGrant, "port" | "ticket">,
    urlIndex = 0,
  ): ConsoleSocketTarget {
    const base = new URL(this.cluster.apiUrls[urlIndex] ?? this.cluster.apiUrls[0]!);
    base.protocol = "wss:";
    base.pathname = `/api2/json/nodes/${node}/qemu/${vmid}/vncwebsocket`;
    base.search = new URLSearchParams({ port: String(grant.port), vncticket: grant.ticket }).toString();
    return {
      url: base.toString(),
      headers: { Authorization: `PVEAPIToken=${this.cluster.tokenId}=${this.cluster.tokenSecret}` },
      tls: {
        fingerprint: this.cluster.fingerprint,
        caPem: this.cluster.caPem,
        insecure: this.cluster.insecure,
      },
      protocols: ["binary"],
    };
  }
}
