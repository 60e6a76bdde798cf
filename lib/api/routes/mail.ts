import { getMailForUser, listMail } from "@/db/queries/mail";
import { notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { timeCursorFrom } from "../cursor-keys";
import { defineApiRoute } from "../define-route";
import { pageFrom, pageQuerySchema, pageSchema } from "../pagination";
import {
  mailIdParams,
  mailResource,
  mailResourceOf,
  mailSummaryOf,
  mailSummaryResource,
} from "../resources/mail";

export const listMailRoute = defineApiRoute({
  method: "GET",
  path: "/mail",
  operationId: "listMail",
  summary: "List the messages the portal wrote to you",
  description:
    "Lease reminders and notices about your VMs, newest first, whether or not e-mail is configured (the portal keeps every message it writes).",
  tags: ["Mail"],
  scope: "read",
  query: pageQuerySchema,
  responses: { 200: { description: "A page of your messages.", schema: pageSchema(mailSummaryResource) } },
  async handler({ query, caller }) {
    const after = timeCursorFrom(query.cursor);
    const messages = await listMail({ userId: caller.user.id, after, limit: query.limit + 1 });
    return {
      status: 200,
      body: pageFrom(messages, query.limit, (mail) => [mail.createdAt.toISOString(), mail.id], mailSummaryOf),
    };
  },
});

export const getMailRoute = defineApiRoute({
  method: "GET",
  path: "/mail/{mailId}",
  operationId: "getMail",
  summary: "Read one of your messages",
  tags: ["Mail"],
  scope: "read",
  params: mailIdParams,
  responses: {
    200: { description: "The message, with its HTML and plain-text bodies.", schema: mailResource },
    404: { description: "No message with this id was written to you." },
  },
  async handler({ params, caller }) {
    const mail = await getMailForUser({ userId: caller.user.id, id: params.mailId });
    if (!mail) throw notFound(message("errors.api.noSuchMail"));
    return { status: 200, body: mailResourceOf(mail) };
  },
});
