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
  /** The API URL that answered: its node runs the proxy, on its localhost, so the websocket goes there. */
  apiUrl: string;
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
    const { data, apiUrl } = await this.transport.callAnswering(
      "POST",
      `/nodes/${node}/qemu/${vmid}/vncproxy`,
      { websocket: true },
    );
    const answer = vncProxySchema.parse(data);
    return {
      apiUrl,
      port: answer.port,
      ticket: answer.ticket,
      vncPassword: answer.password ?? answer.ticket,
      upid: answer.upid ?? null,
      user: answer.user ?? null,
    };
  }

  async termproxy(node: string, vmid: number, serial = "serial0"): Promise<ConsoleGrant> {
    const { data, apiUrl } = await this.transport.callAnswering(
      "POST",
      `/nodes/${node}/qemu/${vmid}/termproxy`,
      { serial },
    );
    const answer = termProxySchema.parse(data);
    return {
      apiUrl,
      port: answer.port,
      ticket: answer.ticket,
      vncPassword: answer.ticket,
      upid: answer.upid ?? null,
      user: answer.user,
    };
  }

  /**
   * Where the console relay connects, with the credentials and TLS policy to use; never sent to a browser.
   * Only through the API URL that made the proxy (pve-http-server connects to its own node's localhost),
   * even when the client has since failed over; null when that URL is no longer one of the cluster's.
   */
  websocketTarget(
    node: string,
    vmid: number,
    grant: Pick<ConsoleGrant, "port" | "ticket" | "apiUrl">,
  ): ConsoleSocketTarget | null {
    if (!this.cluster.apiUrls.includes(grant.apiUrl)) return null;
    const base = new URL(grant.apiUrl);
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
