import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMail } from "@/db/queries/mail";
import { sweepLeases } from "@/lib/leases/lease-sweep";
import { checkRenewToken } from "@/lib/leases/renew-link";
import { deliverPendingMail } from "@/lib/mail/deliver-mail";
import { queueMail } from "@/lib/mail/send-mail";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestCluster, createTestVm } from "../helpers/fixtures";
import { createUserWithSession } from "../helpers/session";

// With a Resend key the portal sends; msw stands in for Resend's API and records what reached it.
process.env.RESEND_API_KEY = "re_test_0123456789";
process.env.ROOST_MAIL_FROM = "Roost <roost@lab.example>";
process.env.ROOST_PUBLIC_URL = "https://roost.lab.example";

interface Received {
  idempotencyKey: string | null;
  authorization: string | null;
  body: { from: string; to: string[]; subject: string; html: string; text: string };
}
const received: Received[] = [];
let failNext = 0;
const resend = setupServer(
  http.post("https://api.resend.com/emails", async ({ request }) => {
    received.push({
      idempotencyKey: request.headers.get("idempotency-key"),
      authorization: request.headers.get("authorization"),
      body: (await request.json()) as Received["body"],
    });
    if (failNext > 0) {
      failNext--;
      return HttpResponse.json(
        { statusCode: 500, name: "internal_server_error", message: "Resend is having a moment" },
        { status: 500 },
      );
    }
    return HttpResponse.json({ id: `re-${received.length}` });
  }),
);

let database: TestDatabase;
beforeAll(async () => {
  resend.listen({ onUnhandledRequest: "bypass" });
  database = await createTestDatabase();
  await createTestCluster();
});
afterAll(async () => {
  resend.close();
  await database.drop();
});

const DAY = 24 * 60 * 60 * 1000;

describe("lease mail through Resend", () => {
  it("sends the reminder to the owner with subject, both bodies and a signed renew link", async () => {
    const owner = await createUserWithSession("mira", "member");
    const now = new Date();
    const vm = await createTestVm({
      ownerId: owner.id,
      name: "lab-web",
      vmid: 4242,
      node: "pve1",
      leaseExpiresAt: new Date(now.getTime() + 10 * DAY + 3_600_000),
    });
    await sweepLeases({ now });
    expect(await deliverPendingMail(new Date(Date.now() + 1000))).toEqual({
      sent: 1,
      retrying: 0,
      failed: 0,
    });

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.authorization).toBe("Bearer re_test_0123456789");
    expect(request!.body).toMatchObject({
      from: "Roost <roost@lab.example>",
      to: ["mira@test.invalid"],
      subject: "lab-web expires in 10 days",
    });
    const link = new RegExp(`https://roost\\.lab\\.example/vms/${vm.id}\\?renew=([\\w.-]+)`);
    const inText = link.exec(request!.body.text);
    const inHtml = link.exec(request!.body.html);
    expect(inText && inHtml).toBeTruthy();
    expect(request!.body.text).toMatch(/Its lease ends on .* Then it is stopped, and 7 days later deleted/);
    expect(request!.body.html).toMatch(/<h1[^>]*>Your VM lab-web expires in 10 days<\/h1>/);
    expect(checkRenewToken(inText![1]!, vm, now)).toBe("valid");
    expect(checkRenewToken(inText![1]!, { ...vm, ownerId: "someone-else" }, now)).toBe("invalid");
    expect(checkRenewToken(inText![1]!, vm, new Date(now.getTime() + 31 * DAY))).toBe("expired");

    const [stored] = await listMail({ userId: owner.id });
    expect(stored).toMatchObject({ status: "sent", providerId: "re-1", attempts: 0 });
    expect(request!.idempotencyKey).toBe(stored!.id);
  });

  it("retries a failed send later with the same idempotency key, and never sends a message twice", async () => {
    received.length = 0;
    failNext = 1;
    await queueMail({
      dedupeKey: "test:retry",
      to: "ops@lab.example",
      userId: null,
      kind: "test",
      message: { subject: "Hello", html: "<p>Hello</p>", text: "Hello" },
    });
    const now = new Date(Date.now() + 1000);
    expect(await deliverPendingMail(now)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const [failed] = (await listMail()).filter((mail) => mail.kind === "test");
    expect(failed).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: expect.stringMatching(/moment/),
    });

    expect(await deliverPendingMail(new Date(now.getTime() + 30_000))).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
    expect(await deliverPendingMail(new Date(now.getTime() + 61_000))).toEqual({
      sent: 1,
      retrying: 0,
      failed: 0,
    });
    expect(await deliverPendingMail(new Date(now.getTime() + 3_600_000))).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
    expect(received.map((request) => request.idempotencyKey)).toEqual([failed!.id, failed!.id]);

    // Queuing the same message again does nothing: the dedupe key holds it to one.
    expect(
      await queueMail({
        dedupeKey: "test:retry",
        to: "ops@lab.example",
        userId: null,
        kind: "test",
        message: { subject: "Hello", html: "<p>Hello</p>", text: "Hello" },
      }),
    ).toBe(false);
  });

  it("gives up after six attempts and keeps the error for the admins", async () => {
    received.length = 0;
    failNext = 10;
    await queueMail({
      dedupeKey: "test:doomed",
      to: "ops@lab.example",
      userId: null,
      kind: "doomed",
      message: { subject: "Doomed", html: "<p>x</p>", text: "x" },
    });
    const start = Date.now() + 1000;
    for (let attempt = 0; attempt < 8; attempt++)
      await deliverPendingMail(new Date(start + attempt * 4 * 3_600_000));
    const [doomed] = (await listMail()).filter((mail) => mail.kind === "doomed");
    expect(doomed).toMatchObject({ status: "failed", attempts: 6 });
    expect(received).toHaveLength(6);
    failNext = 0;
  });
});
