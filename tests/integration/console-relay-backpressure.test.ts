import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openThrough, startRig } from "../helpers/relay-rig";
import { waitFor } from "../helpers/wait-for";

let rig: Awaited<ReturnType<typeof startRig>>;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(() => rig?.close());

// Back-pressure is about what does not happen over time, so these sleeps are the measurement itself.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the console relay under a slow reader", () => {
  it("stops reading from Proxmox while the browser is behind, loses nothing, and closes both sides", async () => {
    const browser = await openThrough(rig.relay.url, "flood-1");
    let received = 0;
    browser.on("message", (data: Buffer) => {
      received += data.length;
    });
    await waitFor("the flood to reach the browser", () => received > 0);
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
    await waitFor("the browser to catch up", () => received - before >= 32 << 20);

    const closedBefore = rig.upstream.closedConnections();
    browser.close();
    await waitFor(
      "the relay to close the Proxmox side",
      () => rig.upstream.closedConnections() > closedBefore,
    );
    expect(rig.upstream.closedConnections()).toBe(closedBefore + 1);
  });
});
