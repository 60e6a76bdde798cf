import { Inngest } from "inngest";

/**
 * The one Inngest client. It reads INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY and INNGEST_BASE_URL from the
 * environment itself; lib/config.ts checks them at start. Only used when those keys are set.
 */
export const inngest = new Inngest({ id: "roost" });
