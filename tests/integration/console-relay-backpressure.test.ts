import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openThrough, startRig } from "../helpers/relay-rig";

let rig: Awaited<ReturnType<typeof startRig>>;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(() => rig?.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the console relay under a slow reader", () => {
  it("stops reading from Proxmox while the browser is behind, loses nothing, and closes both sides", async () => {
    const browser = await openThrough(rig.relay.url, "flood-1");
    let received = 0;
    browser.on("message", (data: Buffer) => {
      received += data.length;
    });
    await sleep(300);
    // The browser stops reading: its TCP window fills, then the relay's send buffer.
    (browser as unknown as { _socket: { pause(): void } })._socket.pause();
    await sleep(500);
    const stalledAt = rig.upstream.flushed();
    await sleep(2000);
    const grewWhileStalled = rig.upstream.flushed() - stalledAt;
    // Unbounded buffering would take hundreds of MB in 2 s; back-pressure holds it to the relay's high
    // water mark plus the kernel's socket buffers.
    expect(grewWhileStalled).toBeLessThan(32 << 20);

    (browser as unknown as { _socket: { resume(): void } })._socket.resume();
    // Reading again, the flow resumes: the browser gets what waited and what follows.
    const before = received;
    for (let i = 0; i < 200 && received - before < 32 << 20; i++) await sleep(50);
    expect(received - before).toBeGreaterThanOrEqual(32 << 20);

    const closedBefore = rig.upstream.closedConnections();
    browser.close();
    for (let i = 0; i < 100 && rig.upstream.closedConnections() === closedBefore; i++) await sleep(20);
    expect(rig.upstream.closedConnections()).toBe(closedBefore + 1);
  });
});
