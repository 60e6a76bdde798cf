import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { GUEST_BOOT_SECTOR } from "./guest-boot-sector";
import type { SerialLine } from "./serial-line";

export function qemuAvailable(): boolean {
  return spawnSync("qemu-system-x86_64", ["--version"], { stdio: "ignore" }).status === 0;
}

/** A VNC display number whose port (5900 + n) is free on loopback right now. */
async function freeDisplay(): Promise<number> {
  for (let display = 10 + Math.floor(Math.random() * 400); display < 1000; display++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(false));
      probe.listen(5900 + display, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return display;
  }
  throw new Error("no free VNC display on 127.0.0.1");
}

/** Sends QMP commands, as qemu-server does to set a VNC password. */
async function qmp(socketPath: string, commands: object[]): Promise<void> {
  const socket = createConnection(socketPath);
  let text = "";
  socket.on("data", (chunk) => {
    text += chunk.toString();
  });
  const waitFor = async (count: number) => {
    const deadline = Date.now() + 5000;
    while ((text.match(/"return"|"error"/g)?.length ?? 0) < count) {
      if (Date.now() > deadline) throw new Error(`QMP did not answer: ${text}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  for (const [index, command] of [{ execute: "qmp_capabilities" }, ...commands].entries()) {
    socket.write(`${JSON.stringify(command)}\n`);
    await waitFor(index + 1);
  }
  socket.end();
  if (text.includes('"error"')) throw new Error(`QMP refused: ${text}`);
}

/** One QEMU process showing the VM's screen on a loopback VNC port, its password set over QMP. */
export class QemuDisplay {
  private child: ChildProcess | null = null;
  private readonly folder = mkdtempSync(path.join(tmpdir(), "pve-sim-qemu-"));
  port = 0;

  async start(): Promise<number> {
    const display = await freeDisplay();
    const qmpSocket = path.join(this.folder, "qmp.sock");
    const bootDisk = path.join(this.folder, "boot.img");
    writeFileSync(bootDisk, GUEST_BOOT_SECTOR);
    this.child = spawn(
      "qemu-system-x86_64",
      [
        "-display",
        "none",
        "-vnc",
        `127.0.0.1:${display},password=on`,
        "-qmp",
        `unix:${qmpSocket},server,nowait`,
        "-m",
        "64",
        "-nodefaults",
        "-vga",
        "std",
        "-accel",
        "tcg",
        "-no-user-config",
        "-drive",
        `file=${bootDisk},format=raw,if=ide,snapshot=on`,
        "-chardev",
        `socket,id=serial0,path=${path.join(this.folder, "serial0.sock")},server=on,wait=off`,
        "-serial",
        "chardev:serial0",
      ],
      { stdio: "ignore" },
    );
    this.port = 5900 + display;
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await qmp(qmpSocket, []);
        return this.port;
      } catch (error) {
        if (Date.now() > deadline || this.child.exitCode !== null)
          throw new Error(`QEMU did not start: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  setPassword(password: string): Promise<void> {
    return qmp(path.join(this.folder, "qmp.sock"), [
      { execute: "change-vnc-password", arguments: { password } },
    ]);
  }

  /** The guest's ttyS0, as `qm terminal` reaches it: QEMU keeps one client on the socket at a time. */
  openSerial(): SerialLine {
    const socket = createConnection(path.join(this.folder, "serial0.sock"));
    return {
      write: (data) => socket.write(data),
      onData: (listener) => socket.on("data", listener),
      onClose: (listener) => socket.once("close", listener),
      close: () => socket.destroy(),
    };
  }

  close() {
    this.child?.kill("SIGKILL");
    this.child = null;
    rmSync(this.folder, { recursive: true, force: true });
  }
}
