import { WindowLimiter } from "@/lib/limits/window-limiter";

/** Per token: generous for a script polling a job every second, tight enough to spare Proxmox. */
export const API_RATE_LIMIT = { limit: 120, windowMs: 60_000 };

const holder = globalThis as { roostApiLimiter?: WindowLimiter };

export function apiRateLimiter(): WindowLimiter {
  holder.roostApiLimiter ??= new WindowLimiter(API_RATE_LIMIT.limit, API_RATE_LIMIT.windowMs);
  return holder.roostApiLimiter;
}

/** Counts one call of this token, answering with the `RateLimit-*` headers (IETF draft) for it. */
export function takeRateLimit(
  limiter: WindowLimiter,
  tokenId: string,
): { allowed: boolean; headers: Record<string, string>; resetSeconds: number } {
  const { allowed, remaining, resetSeconds } = limiter.attempt(tokenId);
  return {
    allowed,
    resetSeconds,
    headers: {
      "ratelimit-limit": String(limiter.limit),
      "ratelimit-remaining": String(remaining),
      "ratelimit-reset": String(resetSeconds),
    },
  };
}
