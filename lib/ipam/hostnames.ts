/** Each pool's zone names its own name server `ns.<domain>`, so no VM may be called that. */
export const RESERVED_HOSTNAMES = ["ns"];
