import { layout } from "./html";

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const day = (date: Date) =>
  date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

function render(options: {
  portalName: string;
  subject: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}): RenderedMail {
  const footer = options.footer ?? "You get this because you own this VM";
  const text = [
    options.heading,
    "",
    ...options.paragraphs.flatMap((paragraph) => [paragraph, ""]),
    ...(options.action ? [`${options.action.label}: ${options.action.url}`, ""] : []),
    `-- ${footer}, ${options.portalName}`,
  ].join("\n");
  return { subject: options.subject, html: layout({ ...options, footer }), text };
}

export interface LeaseMailFacts {
  portalName: string;
  vmName: string;
  expiresAt: Date;
  graceDays: number;
  renewUrl: string;
  /** Days the VM's CPU has stayed idle, when it has. */
  idleDays: number | null;
}

const idleNote = (facts: LeaseMailFacts) =>
  facts.idleDays
    ? [
        `It has been idle for ${facts.idleDays} days (its processor barely used), so you may not need it any more.`,
      ]
    : [];

export function reminderMail(facts: LeaseMailFacts & { daysLeft: number }): RenderedMail {
  const when = facts.daysLeft === 1 ? "tomorrow" : `in ${facts.daysLeft} days`;
  return render({
    portalName: facts.portalName,
    subject: `${facts.vmName} expires ${when}`,
    heading: `Your VM ${facts.vmName} expires ${when}`,
    paragraphs: [
      `Its lease ends on ${day(facts.expiresAt)}. Then it is stopped, and ${facts.graceDays} days later deleted with its disks, unless you renew it.`,
      ...idleNote(facts),
      "If you still need it, renew the lease. If not, do nothing and it goes away on its own.",
    ],
    action: { label: "Renew the lease", url: facts.renewUrl },
  });
}

export function stoppedMail(facts: LeaseMailFacts & { deleteAt: Date }): RenderedMail {
  return render({
    portalName: facts.portalName,
    subject: `${facts.vmName} was stopped: its lease ended`,
    heading: `Your VM ${facts.vmName} was stopped`,
    paragraphs: [
      `Its lease ended on ${day(facts.expiresAt)}, so it was shut down.`,
      `It will be deleted with its disks on ${day(facts.deleteAt)} unless you renew it before then. Renewing does not start it; start it from its page.`,
    ],
    action: { label: "Renew the lease", url: facts.renewUrl },
  });
}

export function deletedMail(facts: Omit<LeaseMailFacts, "renewUrl" | "idleDays">): RenderedMail {
  return render({
    portalName: facts.portalName,
    subject: `${facts.vmName} was deleted`,
    heading: `Your VM ${facts.vmName} was deleted`,
    paragraphs: [
      `Its lease ended on ${day(facts.expiresAt)} and was not renewed within the ${facts.graceDays}-day grace period, so the VM and its disks were deleted.`,
      "Its record and timeline stay in the portal.",
    ],
  });
}

export interface DigestLine {
  vmName: string;
  owner: string;
  at: Date;
}

export function digestMail(facts: {
  portalName: string;
  date: Date;
  dryRun: boolean;
  /** In a dry run, what the sweep would have done. */
  planned: string[];
  stopped: DigestLine[];
  deleted: DigestLine[];
  upcoming: DigestLine[];
  dashboardUrl: string;
}): RenderedMail {
  const lines = (title: string, items: DigestLine[], verb: string) =>
    items.length === 0
      ? [`${title}: none.`]
      : [
          `${title} (${items.length}):`,
          ...items.map((item) => `• ${item.vmName} (${item.owner}), ${verb} ${day(item.at)}`),
        ];
  const paragraphs = [
    ...(facts.dryRun
      ? [
          "Dry run: the sweep stopped and deleted nothing.",
          ...(facts.planned.length > 0
            ? ["It would have:", ...facts.planned.map((line) => `• ${line}`)]
            : ["It would have done nothing."]),
        ]
      : []),
    ...lines("Stopped at the end of their lease", facts.stopped, "on"),
    ...lines("Deleted after the grace period", facts.deleted, "on"),
    ...lines("Leases ending in the next 7 days", facts.upcoming, "ends"),
  ];
  return render({
    portalName: facts.portalName,
    footer: "You get this as a lease digest recipient",
    subject: `${facts.portalName} leases: ${facts.stopped.length} stopped, ${facts.deleted.length} deleted (${day(facts.date)})`,
    heading: `Leases on ${day(facts.date)}`,
    paragraphs,
    action: { label: "Open the admin overview", url: facts.dashboardUrl },
  });
}
