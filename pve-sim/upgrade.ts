import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { PermissionChecker, type RoutePermissions } from "./access/check";
import { authenticate } from "./auth";
import type { SimCluster } from "./cluster";
import { SimError } from "./errors";

/** The schema's rule for GET …/vncwebsocket (qemu-server API2/Qemu.pm vncwebsocket), checked by the conformance test. */
export const vncWebsocketPermissions: RoutePermissions = { check: ["perm", "/vms/{vmid}", ["VM.Console"]] };

const pattern = /^\/api2\/json\/nodes\/([^/]+)\/qemu\/(\d+)\/vncwebsocket$/;

function refuse(socket: Duplex, status: number, reason: string) {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
}

/** GET …/vncwebsocket with Upgrade: the normal API auth, the VM, then the console service checks the ticket. */
export function handleVncUpgrade(cluster: SimCluster) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "https://localhost");
    const match = pattern.exec(url.pathname);
    if (!match) return refuse(socket, 501, `Method 'GET ${url.pathname}' not implemented`);
    const user = authenticate(req.headers.authorization, cluster.access.config, cluster.now() / 1000);
    if (!user) return refuse(socket, 401, "No ticket");
    const port = url.searchParams.get("port") ?? "";
    const vncticket = url.searchParams.get("vncticket") ?? "";
    // qemu-server Qemu.pm `vncwebsocket`: port is an integer with minimum 5900 and maximum 5999.
    if (!/^\d+$/.test(port) || Number(port) < 5900 || Number(port) > 5999 || !vncticket)
      return refuse(socket, 400, "Parameter verification failed.");
    try {
      new PermissionChecker(cluster.access, user).checkRoute(vncWebsocketPermissions, {
        node: match[1]!,
        vmid: match[2]!,
      });
      cluster.vmOn(match[1]!, Number(match[2]));
    } catch (error) {
      const failure = error instanceof SimError ? error : new SimError(500, String(error));
      return refuse(socket, failure.status, failure.message);
    }
    if (!cluster.console) return refuse(socket, 500, "no VNC display backend in this simulator");
    cluster.console.handleUpgrade(req, socket, head, {
      vmid: Number(match[2]),
      port: Number(port),
      vncticket,
      user,
    });
  };
}
