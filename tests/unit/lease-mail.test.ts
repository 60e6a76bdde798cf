import { describe, expect, it } from "vitest";
import { deletedMail } from "@/lib/mail/templates/lease-deleted";
import { digestMail } from "@/lib/mail/templates/lease-digest";
import { reminderMail } from "@/lib/mail/templates/lease-reminder";
import { stoppedMail } from "@/lib/mail/templates/lease-stopped";

const facts = {
  portalName: "Lab Roost",
  vmName: "lab-web",
  vmUrl: "https://roost.lab.example/vms/vm-1",
  expiresAt: new Date("2026-12-11T09:00:00Z"),
  graceDays: 7,
};
// The reader the mail is written for: English, dates in UTC.
const reader = { locale: "en", timeZone: "UTC" } as const;
const renewUrl = "https://roost.lab.example/vms/vm-1?renew=abc.def";

// React separates neighbouring text with empty comments; a reader's client never shows them.
const visible = (html: string) => html.replace(/<!-- -->/g, "");

describe("lease mail", () => {
  it("a reminder says when the lease ends, what happens then, and how to renew, in both bodies", async () => {
    const mail = await reminderMail(
      { ...facts, daysLeft: 10, renewUrl, idleDays: null, backupKeepDays: 30 },
      reader,
    );
    expect(mail.subject).toBe("lab-web expires in 10 days");
    expect(mail.text).toContain("Your VM lab-web expires in 10 days");
    expect(mail.text).toContain(
      "Its lease ends on Friday, December 11, 2026. Then it is stopped, and 7 days later deleted with its disks, unless you renew it.",
    );
    expect(mail.text).toContain(`Renew the lease: ${renewUrl}`);
    expect(mail.text).toContain(`lab-web in Lab Roost: ${facts.vmUrl}`);
    expect(mail.text).toContain("You get this because you own this VM, Lab Roost");
    expect(mail.text).not.toContain("idle");
    expect(mail.text).toContain(
      "Its backups, if it has any, are kept for 30 days after it is deleted; restoring one from the portal brings the VM back.",
    );
    const html = visible(mail.html);
    expect(html).toMatch(/<h1[^>]*>Your VM lab-web expires in 10 days<\/h1>/);
    expect(html).toContain("Its lease ends on Friday, December 11, 2026.");
    expect(html).toContain(`href="${renewUrl}"`);
    expect(html).toContain(`href="${facts.vmUrl}"`);
  });

  it("a reminder the day before says tomorrow, and an idle VM's says how long it has been idle", async () => {
    const mail = await reminderMail(
      { ...facts, daysLeft: 1, renewUrl, idleDays: 9, backupKeepDays: 1 },
      reader,
    );
    expect(mail.subject).toBe("lab-web expires tomorrow");
    expect(mail.text).toContain("It has been idle for 9 days");
    expect(visible(mail.html)).toContain("It has been idle for 9 days");
    expect(mail.text).toContain("are kept for 1 day after it is deleted");
  });

  it("the stopped notice gives the deletion date and the renew link", async () => {
    const mail = await stoppedMail(
      {
        ...facts,
        renewUrl,
        deleteAt: new Date("2026-12-18T09:00:00Z"),
        backupKeepDays: 0,
      },
      reader,
    );
    expect(mail.subject).toBe("lab-web was stopped: its lease ended");
    expect(mail.text).toContain("Its lease ended on Friday, December 11, 2026, so it was shut down.");
    expect(mail.text).toContain(
      "It will be deleted with its disks on Friday, December 18, 2026 unless you renew it",
    );
    expect(mail.text).toContain("Renewing does not start it");
    expect(mail.text).toContain(`Renew the lease: ${renewUrl}`);
    expect(visible(mail.html)).toContain("on Friday, December 18, 2026 unless you renew it");
    expect(mail.text).toContain("Its backups, if it has any, are deleted with it.");
  });

  it("the deletion notice says why, offers no renewal, and links the VM's record", async () => {
    const mail = await deletedMail(facts, reader);
    expect(mail.subject).toBe("lab-web was deleted");
    expect(mail.text).toContain(
      "Its lease ended on Friday, December 11, 2026 and was not renewed within the 7-day grace period",
    );
    expect(mail.text).toContain("Its record and timeline stay in the portal.");
    expect(mail.text).not.toContain("Renew");
    expect(mail.html).toContain(`href="${facts.vmUrl}"`);
  });

  it("the digest lists what was stopped, deleted and ends soon, and what a dry run would have done", async () => {
    const at = new Date("2026-12-01T07:07:00Z");
    const mail = await digestMail(
      {
        portalName: "Lab Roost",
        date: at,
        dryRun: true,
        planned: ["delete old-db (lease ended 2026-11-20, grace over)"],
        stopped: [{ vmName: "ci-runner", owner: "mira", at }],
        deleted: [],
        upcoming: [{ vmName: "lab-web", owner: "mira", at: facts.expiresAt }],
        dashboardUrl: "https://roost.lab.example/admin",
      },
      reader,
    );
    expect(mail.subject).toBe("Lab Roost leases: 1 stopped, 0 deleted (Tuesday, December 1, 2026)");
    expect(mail.text).toContain("Dry run: the sweep stopped and deleted nothing.");
    expect(mail.text).toContain("• delete old-db (lease ended 2026-11-20, grace over)");
    expect(mail.text).toContain(
      "Stopped at the end of their lease (1):\n\n• ci-runner (mira), on Tuesday, December 1, 2026",
    );
    expect(mail.text).toContain("Deleted after the grace period: none.");
    expect(mail.text).toContain("• lab-web (mira), ends Friday, December 11, 2026");
    expect(mail.text).toContain("Open the admin overview: https://roost.lab.example/admin");
    expect(mail.text).toContain("You get this as a lease digest recipient, Lab Roost");
    expect(visible(mail.html)).toContain("<li>ci-runner (mira), on Tuesday, December 1, 2026</li>");
  });

  it("a VM named like markup is shown as text, never obeyed", async () => {
    const vmName = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const mail = await reminderMail(
      {
        ...facts,
        vmName,
        daysLeft: 3,
        renewUrl,
        idleDays: null,
        backupKeepDays: 30,
      },
      reader,
    );
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;",
    );
    expect(mail.text).toContain(`Your VM ${vmName} expires in 3 days`);
  });
});
