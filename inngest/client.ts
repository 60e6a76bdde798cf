/** The client lives in lib/jobs, so enqueue() can send with it without lib/ reaching into inngest/. */
export { inngest } from "@/lib/jobs/inngest-client";
