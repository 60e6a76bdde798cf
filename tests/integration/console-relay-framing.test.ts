import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type WebSocket from "ws";
import { openThrough, startRig } from "../helpers/relay-rig";
import { waitFor } from "../helpers/wait-for";

let rig: Awaited<ReturnType<typeof startRig>>;
beforeAll(async () => {
  rig = await startRig({ heartbeatMs: 200 });
});
afterAll(() => rig?.close());

let serial = 0;
/** A browser through the relay, and Proxmox's side of the same console. */
async function openConsole(): Promise<{ browser: WebSocket; pve: WebSocket }> {
  const browser = await openThrough(rig.relay.url, `echo-framing-${++serial}`);
  return { browser, pve: rig.upstream.newest()! };
}

const nextMessage = (ws: WebSocket) =>
  new Promise<{ data: Buffer; isBinary: boolean }>((resolve) =>
    ws.once("message", (data: Buffer, isBinary) => resolve({ data, isBinary })),
  );

describe("the console relay's framing (RFC 6455)", () => {
  it("agrees Proxmox's subprotocol with the browser and passes Proxmox's messages on as sent, fragmented or text", async () => {
    const { browser, pve } = await openConsole();
    expect(browser.protocol).toBe("binary");
    const fragmented = nextMessage(browser);
    pve.send(Buffer.from("RFB 003"), { fin: false });
    pve.send(Buffer.from(".008\n"), { fin: true });
    expect((await fragmented).data.toString()).toBe("RFB 003.008\n");
    const text = nextMessage(browser);
    pve.send("OK", { binary: false });
    expect(await text).toMatchObject({ isBinary: false });
    browser.close();
  });

  it("re-masks the browser's messages for Proxmox, however large", async () => {
    const { browser, pve } = await openConsole();
    const large = randomBytes(300_000);
    const atProxmox = nextMessage(pve);
    const echoed = nextMessage(browser);
    browser.send(large);
    expect((await atProxmox).data.equals(large)).toBe(true);
    expect((await echoed).data.equals(large)).toBe(true);
    browser.close();
  });

  it("answers pings from either side itself and passes neither on", async () => {
    const { browser, pve } = await openConsole();
    const pings: string[] = [];
    browser.on("ping", () => pings.push("browser"));
    pve.on("ping", () => pings.push("proxmox"));
    const proxmoxPong = new Promise<string>((resolve) =>
      pve.once("pong", (data) => resolve(data.toString())),
    );
    pve.ping("from-proxmox");
    expect(await proxmoxPong).toBe("from-proxmox");
    const browserPong = new Promise<string>((resolve) =>
      browser.once("pong", (data) => resolve(data.toString())),
    );
    browser.ping("from-browser");
    expect(await browserPong).toBe("from-browser");
    // A message each way after the pings: any ping passed on would have arrived before it.
    const there = nextMessage(browser);
    browser.send(Buffer.from("after"));
    await there;
    expect(pings).toEqual([]);
    browser.close();
  });

  it("closes the browser with the relay's reason when Proxmox closes, and reports the bytes each way", async () => {
    const { browser, pve } = await openConsole();
    const echoed = nextMessage(browser);
    browser.send(Buffer.alloc(1000, 1));
    await echoed;
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      browser.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    pve.close(1000, "VM display closed");
    expect(await closed).toEqual({
      code: 4000,
      reason: "The VM's screen closed (the VM stopped or Proxmox ended the session).",
    });
    const token = `echo-framing-${serial}`;
    expect(
      await waitFor("the relay's report of the close", () =>
        rig.reports.find((report) => (report as { closed?: string }).closed === token),
      ),
    ).toMatchObject({ bytesToBrowser: 1000, bytesToVm: 1000 });
  });

  it("puts its close between two of Proxmox's frames when it ends a session in full flow", async () => {
    const browser = await openThrough(rig.relay.url, "flood-framing");
    let received = 0;
    browser.on("message", (data: Buffer) => {
      received += data.length;
    });
    const closed = new Promise<{ code: number; reason: string }>((resolve, reject) => {
      browser.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
      // A close frame inside one of Proxmox's frames would be a protocol error here.
      browser.on("error", reject);
    });
    await waitFor("the flood to reach the browser", () => received > 1 << 20);
    rig.revoked.add("flood-framing");
    expect(await closed).toEqual({ code: 4403, reason: "Your access to this console ended." });
    // Whole 64 KiB messages only: nothing was cut short.
    expect(received % (64 * 1024)).toBe(0);
  });

  it("answers a request that is not a websocket handshake with 400 and a reason", async () => {
    const url = new URL(rig.relay.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}?token=echo-bad`,
        headers: { Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Version": "13" },
      });
      req.on("response", (response) => {
        let body = "";
        response.on("data", (chunk) => {
          body += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.end();
    });
    expect(answer).toEqual({ status: 400, body: "the Sec-WebSocket-Key header is missing or malformed" });
  });
});
