import { randomBytes } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { defaultPixelFormat, Framebuffer, type PixelFormat } from "./framebuffer";
import { vncResponse } from "./vnc-des";

export interface DisplayInfo {
  title: string;
  state: () => string;
}

/**
 * A small RFB 3.8 server for where QEMU is absent: it demands VNC authentication and shows the VM's name
 * and state, echoing typed keys, so a console can be seen to work end to end.
 */
export class BuiltinDisplay {
  private server: Server;
  private password = randomBytes(8).toString("hex");
  private typed = "";
  private readonly sockets = new Set<Socket>();

  constructor(private readonly info: DisplayInfo) {
    this.server = createServer((socket) => this.serve(socket));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    return typeof address === "object" && address ? address.port : 0;
  }

  setPassword(password: string) {
    this.password = password;
  }

  private draw(): Framebuffer {
    const screen = new Framebuffer(640, 400);
    screen.fill([18, 52, 86]);
    screen.text(this.info.title, 24, 40, 3, [255, 255, 255]);
    screen.text(`STATE: ${this.info.state()}`, 24, 90, 3, [140, 220, 140]);
    screen.text("ROOST PVE SIMULATOR CONSOLE", 24, 340, 2, [200, 200, 200]);
    screen.text(`> ${this.typed.slice(-30)}`, 24, 170, 3, [255, 230, 120]);
    return screen;
  }

  private serve(socket: Socket) {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    let buffer = Buffer.alloc(0);
    let stage: "version" | "security" | "auth" | "init" | "normal" = "version";
    const challenge = randomBytes(16);
    let format: PixelFormat = { ...defaultPixelFormat };
    let waiting = false;

    const sendFrame = () => {
      const screen = this.draw();
      const header = Buffer.alloc(16);
      header.writeUInt8(0, 0);
      header.writeUInt16BE(1, 2);
      header.writeUInt16BE(screen.width, 8);
      header.writeUInt16BE(screen.height, 10);
      header.writeInt32BE(0, 12);
      socket.write(Buffer.concat([header, screen.encode(format)]));
    };

    socket.write("RFB 003.008\n");
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (stage === "version") {
          if (buffer.length < 12) return;
          buffer = buffer.subarray(12);
          socket.write(Buffer.from([1, 2]));
          stage = "security";
        } else if (stage === "security") {
          if (buffer.length < 1) return;
          const chosen = buffer[0];
          buffer = buffer.subarray(1);
          if (chosen !== 2) return socket.destroy();
          socket.write(challenge);
          stage = "auth";
        } else if (stage === "auth") {
          if (buffer.length < 16) return;
          const ok = buffer.subarray(0, 16).equals(vncResponse(challenge, this.password));
          buffer = buffer.subarray(16);
          if (!ok) {
            const reason = Buffer.from("Authentication failed");
            const result = Buffer.alloc(8);
            result.writeUInt32BE(1, 0);
            result.writeUInt32BE(reason.length, 4);
            socket.end(Buffer.concat([result, reason]));
            return;
          }
          socket.write(Buffer.from([0, 0, 0, 0]));
          stage = "init";
        } else if (stage === "init") {
          if (buffer.length < 1) return;
          buffer = buffer.subarray(1);
          const name = Buffer.from(this.info.title);
          const init = Buffer.alloc(24);
          init.writeUInt16BE(640, 0);
          init.writeUInt16BE(400, 2);
          Buffer.from([32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0, 0, 0, 0]).copy(init, 4);
          init.writeUInt32BE(name.length, 20);
          socket.write(Buffer.concat([init, name]));
          stage = "normal";
        } else {
          const consumed = this.message(buffer, {
            setFormat: (next) => {
              format = next;
            },
            update: (incremental) => {
              if (!incremental) sendFrame();
              else waiting = true;
            },
            key: (keysym, down) => {
              if (!down) return;
              if (keysym >= 0x20 && keysym < 0x7f) this.typed += String.fromCharCode(keysym);
              if (keysym === 0xff0d) this.typed = "";
              if (waiting) {
                waiting = false;
                sendFrame();
              }
            },
          });
          if (consumed === 0) return;
          if (consumed < 0) return socket.destroy();
          buffer = buffer.subarray(consumed);
        }
      }
    });
  }

  /** Handles one client message; returns the bytes it used, 0 when more are needed, -1 when it is invalid. */
  private message(
    data: Buffer,
    on: {
      setFormat(format: PixelFormat): void;
      update(incremental: boolean): void;
      key(keysym: number, down: boolean): void;
    },
  ): number {
    if (data.length < 1) return 0;
    switch (data[0]) {
      case 0: {
        if (data.length < 20) return 0;
        const bits = data[4]!;
        if (bits === 32 || bits === 16) {
          on.setFormat({
            bitsPerPixel: bits,
            bigEndian: data[6] !== 0,
            redShift: data[14]!,
            greenShift: data[15]!,
            blueShift: data[16]!,
          });
        }
        return 20;
      }
      case 2: {
        if (data.length < 4) return 0;
        const length = 4 + data.readUInt16BE(2) * 4;
        return data.length < length ? 0 : length;
      }
      case 3:
        if (data.length < 10) return 0;
        on.update(data[1] !== 0);
        return 10;
      case 4:
        if (data.length < 8) return 0;
        on.key(data.readUInt32BE(4), data[1] !== 0);
        return 8;
      case 5:
        return data.length < 6 ? 0 : 6;
      case 6: {
        if (data.length < 8) return 0;
        const length = 8 + data.readUInt32BE(4);
        return data.length < length ? 0 : length;
      }
      default:
        return -1;
    }
  }

  close() {
    for (const socket of this.sockets) socket.destroy();
    this.server.close();
  }
}
