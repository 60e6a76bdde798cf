import { createHash } from "node:crypto";

/** Tickets are stored, looked up and reported by this hash; the token itself is never kept. */
export const hashConsoleToken = (token: string) => createHash("sha256").update(token).digest("hex");
