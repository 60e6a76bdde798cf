import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import type { Page } from "playwright-core";
import { launchBrowser, signInAsDemo } from "@/tests/helpers/browser";
import { startPortal } from "@/tests/helpers/portal-server";
import { median, percentile, round } from "./stats";

/**
 * Issue #22: click-to-first-frame of the VNC console in a browser, as a member sees it. The built portal
 * as `npm start` runs it (simulator with QEMU's VNC display when QEMU is installed, relay, demo sign-in),
 * Debian's Chromium; alice makes a VM, then opens its console from the VM page again and again. Times
 * are taken inside the page from the click: the console page's render, the ticket (the server action
 * asking Proxmox for a vncproxy), the websocket (relay: redeem, connect to Proxmox), the RFB handshake
 * (noVNC's connect), and the first frame (the canvas shows more than one colour).
 */
const RUNS = Number(process.env.FIRST_FRAME_RUNS ?? 10);

interface Marks {
  click?: number;
  actionStart?: number;
  actionEnd?: number;
  socketCreated?: number;
  socketOpen?: number;
  firstMessage?: number;
  connected?: number;
  firstFrame?: number;
}

// Runs in the page before its scripts: records when the console's parts happen, on the page's clock.
function instrument() {
  const marks: Marks = {};
  (window as unknown as { __marks: Marks }).__marks = marks;
  const now = () => performance.now();
  document.addEventListener(
    "click",
    (event) => {
      if ((event.target as Element).closest?.('a[href$="/console"]')) {
        for (const key of Object.keys(marks)) delete marks[key as keyof Marks];
        marks.click = now();
        watchCanvas();
      }
    },
    true,
  );
  const originalFetch = window.fetch;
  window.fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const isAction = headers.has("next-action") && marks.click !== undefined && !marks.actionStart;
    if (isAction) marks.actionStart = now();
    try {
      return await originalFetch(input, init);
    } finally {
      if (isAction) marks.actionEnd = now();
    }
  };
  // A proxy, not a subclass: noVNC checks the socket's own prototype for WebSocket's methods.
  window.WebSocket = new Proxy(window.WebSocket, {
    construct(target, args: ConstructorParameters<typeof WebSocket>) {
      const socket = new target(...args);
      if (String(args[0]).includes("/console/ws")) {
        marks.socketCreated = now();
        socket.addEventListener("open", () => {
          marks.socketOpen = now();
        });
        socket.addEventListener(
          "message",
          () => {
            marks.firstMessage ??= now();
          },
          { once: true },
        );
      }
      return socket;
    },
  });
  function watchCanvas() {
    const look = () => {
      const status = document.querySelector("[data-testid=console-status]")?.textContent ?? "";
      if (!marks.connected && status.startsWith("Connected to")) marks.connected = now();
      const canvas = document.querySelector("#console-frame canvas") as HTMLCanvasElement | null;
      if (canvas && canvas.width > 0) {
        const pixels = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
        const colours = new Set<number>();
        for (let index = 0; index < pixels.length && colours.size < 2; index += 4 * 97)
          colours.add((pixels[index]! << 16) | (pixels[index + 1]! << 8) | pixels[index + 2]!);
        if (colours.size > 1) {
          marks.firstFrame = now();
          return;
        }
      }
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  }
}

async function createVm(page: Page): Promise<string> {
  await page.getByRole("link", { name: "New VM" }).click();
  await page.getByText(/debian 13/i).click();
  await page.getByLabel("Name").fill("bench-1");
  await page.getByRole("button", { name: "Create VM" }).click();
  await page.getByTestId("vm-password").waitFor();
  await page.getByRole("link", { name: "Follow its progress" }).click();
  await page.getByTestId("vm-state").filter({ hasText: "running" }).waitFor({ timeout: 120_000 });
  return page.url();
}

async function openConsoleOnce(page: Page, vmUrl: string): Promise<Required<Marks>> {
  await page.goto(vmUrl);
  const link = page.getByRole("link", { name: "Console", exact: true });
  await link.waitFor();
  await link.click();
  await page
    .waitForFunction(() => (window as unknown as { __marks: Marks }).__marks.firstFrame, undefined, {
      timeout: 60_000,
      polling: 50,
    })
    .catch(async (error) => {
      const marks = await page.evaluate(() => (window as unknown as { __marks: Marks }).__marks);
      const status = await page.getByTestId("console-status").textContent();
      throw new Error(`no first frame (${status}; ${JSON.stringify(marks)}): ${error}`);
    });
  return (await page.evaluate(() => (window as unknown as { __marks: Marks }).__marks)) as Required<Marks>;
}

const phases = (marks: Required<Marks>) => ({
  pageMs: marks.actionStart - marks.click,
  ticketMs: marks.actionEnd - marks.actionStart,
  toSocketMs: marks.socketCreated - marks.actionEnd,
  socketOpenMs: marks.socketOpen - marks.socketCreated,
  firstMessageMs: marks.firstMessage - marks.socketOpen,
  rfbHandshakeMs: marks.connected - marks.firstMessage,
  toFirstFrameMs: marks.firstFrame - marks.connected,
  totalMs: marks.firstFrame - marks.click,
});

console.error("Starting the portal (builds it first when the source changed)…");
const portal = await startPortal({
  AUTH_SECRET: randomBytes(33).toString("base64url"),
  ROOST_RELAY_SECRET: randomBytes(33).toString("base64url"),
  PVE_SIM_TASK_SPEED: "20",
});
const browser = await launchBrowser();
try {
  const page = await (await browser.newContext()).newPage();
  // tsx compiles with esbuild's keepNames, which wraps the functions of `instrument` in a helper the page lacks.
  await page.addInitScript({ content: "globalThis.__name = (target) => target;" });
  await page.addInitScript(instrument);
  await signInAsDemo(page, portal.url, "Alice");
  const vmUrl = await createVm(page);
  // The simulator starts the VM's QEMU display on the first vncproxy; a real VM's display is there already.
  const cold = phases(await openConsoleOnce(page, vmUrl));
  const runs: ReturnType<typeof phases>[] = [];
  for (let run = 0; run < RUNS; run++) {
    runs.push(phases(await openConsoleOnce(page, vmUrl)));
    console.error(JSON.stringify(runs.at(-1)));
  }
  const summary = Object.fromEntries(
    Object.keys(runs[0]!).map((key) => {
      const values = runs.map((run) => run[key as keyof typeof run]);
      return [key, { median: round(median(values), 1), p95: round(percentile(values, 95), 1) }];
    }),
  );
  console.log(
    JSON.stringify({
      bench: "console-first-frame",
      runs: RUNS,
      loadAverage: round(loadavg()[0]!, 2),
      firstFrameMedianMs: summary.totalMs!.median,
      firstFrameP95Ms: summary.totalMs!.p95,
      coldFirstFrameMs: round(cold.totalMs, 1),
      phases: summary,
    }),
  );
} finally {
  await browser.close();
  await portal.stop();
}
process.exit(0);
