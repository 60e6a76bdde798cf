import { randomInt } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { connect } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { openBuiltinSerial } from "./builtin-serial";
import { QemuDisplay, qemuAvailable } from "./qemu-display";
import { BuiltinDisplay } from "./rfb-server";
import type { SerialLine } from "./serial-line";
import { serveTermproxy } from "./termproxy";
import { TicketBook } from "./tickets";

export interface ConsoleTarget {
  node: string;
  vmid: number;
  name: string;
  status(): string;
  /** The VM's configured serial ports, e.g. ["serial0"]. */
  serialPorts(): string[];
}

export interface TermGrant {
  port: number;
  ticket: string;
  user: string;
}

interface Terminal {
  vmid: number;
  user: string;
  ticket: string;
  /** The port stays taken while the proxy waits for its connection. */
  until: number;
  open(): SerialLine | string;
}

/** A vncproxy's port: what PVE's proxy would forward to the VM's display, while it waits or is in use. */
interface VncRelay {
  vmid: number;
  displayPort: number;
  until: number;
  open: boolean;
}

export interface VncGrant {
  port: number;
  ticket: string;
  password?: string;
}

interface Display {
  port: number;
  setPassword(password: string): void | Promise<void>;
  openSerial?(): SerialLine;
  close(): void;
}

/** What a node's pveproxy offers for consoles: the same service, with proxies on that node's localhost. */
export interface NodeConsole {
  vncproxy(
    target: ConsoleTarget,
    options: { user: string; apiVersion: "9.1" | "8.4"; generatePassword: boolean },
  ): Promise<VncGrant>;
  termproxy(target: ConsoleTarget, options: { user: string; serial: string }): Promise<TermGrant>;
  handleUpgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    route: { vmid: number; port: number; vncticket: string; user: string },
  ): void;
  vmStopped(vmid: number): void;
  close(): void;
}

/** PVE's generate_vnc_password: 8 characters from '!' to '`'. */
function vncPassword(): string {
  return Array.from({ length: 8 }, () => String.fromCharCode(33 + randomInt(64))).join("");
}

/** The simulator's consoles: a real VNC server per running VM, tickets, and the websocket relay to it. */
export class ConsoleService {
  private readonly displays = new Map<number, Display>();
  private readonly sockets = new Map<number, Set<Duplex>>();
  private readonly terminals = new Map<number, Terminal>();
  private readonly relays = new Map<number, VncRelay>();
  private readonly now: () => number;
  private readonly acceptWindowMs: number;
  /** Proxies made for a stopped VM: their websocket opens and closes at once. */
  private readonly deadPorts = new Map<number, { vmid: number; until: number }>();
  private readonly tickets: TicketBook;
  private readonly wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has("binary") ? "binary" : false),
  });
  readonly backend: "qemu" | "builtin";

  constructor(
    options: { backend?: "auto" | "qemu" | "builtin"; acceptWindowMs?: number; now?: () => number } = {},
  ) {
    const wanted = options.backend ?? "auto";
    this.backend = wanted === "builtin" || (wanted === "auto" && !qemuAvailable()) ? "builtin" : "qemu";
    this.now = options.now ?? Date.now;
    this.acceptWindowMs = options.acceptWindowMs ?? 10_000;
    this.tickets = new TicketBook(this.now, this.acceptWindowMs);
  }

  /**
   * The lowest port of 5900–5999 no proxy holds, as pve-common PVE::Tools::next_vnc_port
   * (next_unused_port) picks for vncproxy and termproxy; a port is held while its proxy waits for the
   * websocket and while that connection lasts.
   */
  private freePort(): number {
    const now = this.now();
    for (let port = 5900; port < 6000; port++) {
      const relay = this.relays.get(port);
      const terminal = this.terminals.get(port);
      const dead = this.deadPorts.get(port);
      if (
        (relay && (relay.open || relay.until > now)) ||
        (terminal && terminal.until > now) ||
        (dead && dead.until > now)
      )
        continue;
      this.relays.delete(port);
      this.terminals.delete(port);
      this.deadPorts.delete(port);
      return port;
    }
    throw new Error("unable to find free port (5900-6000)");
  }

  private async display(target: ConsoleTarget): Promise<Display> {
    const existing = this.displays.get(target.vmid);
    if (existing) return existing;
    let display: Display;
    if (this.backend === "qemu") {
      const qemu = new QemuDisplay();
      await qemu.start();
      display = {
        port: qemu.port,
        setPassword: (password) => qemu.setPassword(password),
        openSerial: () => qemu.openSerial(),
        close: () => qemu.close(),
      };
    } else {
      const builtin = new BuiltinDisplay({
        title: `VM ${target.vmid} ${target.name}`,
        state: () => target.status().toUpperCase(),
      });
      display = {
        port: await builtin.listen(),
        setPassword: (password) => builtin.setPassword(password),
        close: () => builtin.close(),
      };
    }
    this.displays.set(target.vmid, display);
    return display;
  }

  /**
   * The consoles as the pveproxy of `host` serves them. qemu-server's vncproxy and termproxy have no
   * `proxyto`, and their workers listen on `localhost` of the node that took the call (qemu-server 9.2.6
   * src/PVE/API2/Qemu.pm vncproxy, `LocalHost => 'localhost'`); pve-http-server 6.0.5's websocket_proxy
   * (src/PVE/APIServer/AnyEvent.pm) then connects to `localhost:$port` of the node that took the
   * vncwebsocket and sends 101 only once that connect works, so a console is reached only through the
   * node that made it. verify_vnc_ticket uses the cluster-wide key, so the ticket itself is valid anywhere.
   */
  servedBy(host: string): NodeConsole {
    return {
      vncproxy: (target, options) => this.vncproxy(target, { ...options, host }),
      termproxy: (target, options) => this.termproxy(target, { ...options, host }),
      handleUpgrade: (req, socket, head, route) => this.handleUpgrade(req, socket, head, { ...route, host }),
      vmStopped: (vmid) => this.vmStopped(vmid),
      close: () => this.close(),
    };
  }

  /** As `vncproxy` with websocket=1: PVE 9.1 returns a password and prefixes the ticket with it; 8.4 used the ticket itself. */
  async vncproxy(
    target: ConsoleTarget,
    options: { user: string; apiVersion: "9.1" | "8.4"; generatePassword: boolean; host: string },
  ): Promise<VncGrant> {
    // API2/Qemu.pm vncproxy has no running check: for a stopped VM the proxy listens, and
    // `qm vncproxy` dies once the websocket connects.
    if (target.status() === "stopped") return this.deadProxy(target, options);
    const display = await this.display(target);
    const modern = options.apiVersion === "9.1" || options.generatePassword;
    const password = modern ? vncPassword() : null;
    const port = this.freePort();
    this.relays.set(port, {
      vmid: target.vmid,
      displayPort: display.port,
      until: this.now() + this.acceptWindowMs,
      open: false,
    });
    const ticket = this.tickets.issue(
      { vmid: target.vmid, port, user: options.user, host: options.host },
      options.apiVersion === "9.1" ? password : null,
    );
    await display.setPassword(password ?? ticket.slice(0, 8));
    return { port, ticket, ...(password ? { password } : {}) };
  }

  private deadProxy(
    target: ConsoleTarget,
    options: { user: string; apiVersion: "9.1" | "8.4"; host: string },
  ): VncGrant {
    const port = this.freePort();
    this.deadPorts.set(port, { vmid: target.vmid, until: this.now() + this.acceptWindowMs });
    const password = options.apiVersion === "9.1" ? vncPassword() : null;
    const ticket = this.tickets.issue(
      { vmid: target.vmid, port, user: options.user, host: options.host },
      password,
    );
    return { port, ticket, ...(password ? { password } : {}) };
  }

  /**
   * As `termproxy`: a one-time port and ticket for an xterm.js session on a serial port. PVE checks the
   * interface only when `qm terminal` runs, so a VM without it gets a session that says so and ends.
   */
  async termproxy(
    target: ConsoleTarget,
    options: { user: string; serial: string; host: string },
  ): Promise<TermGrant> {
    const running = target.status() !== "stopped";
    const display = this.backend === "qemu" && running ? await this.display(target) : null;
    const port = this.freePort();
    const ticket = this.tickets.issue(
      { vmid: target.vmid, port, user: options.user, host: options.host },
      null,
    );
    const hasPort = target.serialPorts().includes(options.serial);
    this.terminals.set(port, {
      vmid: target.vmid,
      user: options.user,
      ticket,
      until: this.now() + this.acceptWindowMs,
      open: () => {
        if (!hasPort) return "unable to find a serial interface";
        // qm.pm terminal: the serial port first, then `VM N not running`, when the session starts.
        if (target.status() === "stopped") return `VM ${target.vmid} not running`;
        return display?.openSerial?.() ?? openBuiltinSerial({ name: target.name, vmid: target.vmid });
      },
    });
    return { port, ticket, user: options.user };
  }

  /** The vncwebsocket upgrade, after the API token and the VM were checked: the ticket decides. */
  handleUpgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    route: { vmid: number; port: number; vncticket: string; user: string; host: string },
  ) {
    const refusal = this.tickets.redeem(route.vncticket, route);
    // Nothing listens on this node's localhost at that port: the connect fails before any 101 is sent.
    if (refusal === "unreachable") {
      socket.destroy();
      return;
    }
    if (refusal) {
      socket.end(`HTTP/1.1 401 ${refusal}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    if (this.deadPorts.get(route.port)?.vmid === route.vmid) {
      this.deadPorts.delete(route.port);
      // The proxy accepts and pveproxy answers 101, then `qm vncproxy` finds no VM and the socket closes.
      this.wss.handleUpgrade(req, socket, head, () => socket.destroy());
      return;
    }
    const terminal = this.terminals.get(route.port);
    if (terminal?.vmid === route.vmid) {
      this.terminals.delete(route.port);
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.track(route.vmid, socket);
        serveTermproxy(ws, terminal, terminal.open);
      });
      return;
    }
    const relay = this.relays.get(route.port);
    if (relay?.vmid !== route.vmid) {
      socket.end("HTTP/1.1 500 connection refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    relay.open = true;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const upstream = connect(relay.displayPort, "127.0.0.1");
      upstream.on("close", () => {
        if (this.relays.get(route.port) === relay) this.relays.delete(route.port);
      });
      this.track(route.vmid, upstream);
      upstream.on("data", (chunk) => {
        ws.send(chunk, { binary: true });
        // Back-pressure: stop reading from the VNC server while the browser side is behind.
        if (ws.bufferedAmount > 1 << 20) {
          upstream.pause();
          const resume = setInterval(() => {
            if (ws.bufferedAmount < 1 << 18 || ws.readyState !== ws.OPEN) {
              clearInterval(resume);
              upstream.resume();
            }
          }, 10);
        }
      });
      ws.on("message", (data) => upstream.write(data as Buffer));
      ws.on("close", () => upstream.destroy());
      upstream.on("close", () => ws.close(1000, "VM display closed"));
      upstream.on("error", () => ws.close(1011, "VNC server unreachable"));
    });
  }

  private track(vmid: number, socket: Duplex) {
    const tracked = this.sockets.get(vmid) ?? new Set();
    tracked.add(socket);
    this.sockets.set(vmid, tracked);
  }

  vmStopped(vmid: number) {
    for (const [port, terminal] of this.terminals) if (terminal.vmid === vmid) this.terminals.delete(port);
    for (const [port, relay] of this.relays) if (relay.vmid === vmid) this.relays.delete(port);
    for (const socket of this.sockets.get(vmid) ?? []) socket.destroy();
    this.sockets.delete(vmid);
    this.displays.get(vmid)?.close();
    this.displays.delete(vmid);
  }

  close() {
    for (const vmid of [...this.displays.keys()]) this.vmStopped(vmid);
    this.wss.close();
  }
}
