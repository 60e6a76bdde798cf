import { describe, expect, it } from "vitest";
import {
  clientAddressFrom,
  stampRequestIdentity,
  trustedProxyList,
  upstreamRequestId,
} from "@/lib/http/request-identity";

const none = trustedProxyList([]);
const edge = trustedProxyList(["10.0.0.0/8", "192.0.2.1", "fd00::/8"]);

describe("the client address the audit log records", () => {
  it("is the connection's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddressFrom({ peer: "198.51.100.7", forwardedFor: "203.0.113.66", trusted: none })).toBe(
      "198.51.100.7",
    );
    expect(clientAddressFrom({ peer: "::ffff:198.51.100.7", forwardedFor: null, trusted: none })).toBe(
      "198.51.100.7",
    );
  });

  it("is the peer when the peer is not a trusted proxy, even if trusted proxies are configured", () => {
    expect(clientAddressFrom({ peer: "198.51.100.7", forwardedFor: "10.1.1.1", trusted: edge })).toBe(
      "198.51.100.7",
    );
  });

  it("comes from X-Forwarded-For through trusted proxies, read from the right, never a hop the client wrote", () => {
    // The client sent "6.6.6.6" itself; the trusted proxy appended the address it saw.
    expect(
      clientAddressFrom({ peer: "10.0.0.5", forwardedFor: "6.6.6.6, 203.0.113.66", trusted: edge }),
    ).toBe("203.0.113.66");
    expect(
      clientAddressFrom({ peer: "10.0.0.5", forwardedFor: "203.0.113.66, 192.0.2.1", trusted: edge }),
    ).toBe("203.0.113.66");
    expect(clientAddressFrom({ peer: "fd00::1", forwardedFor: "2001:db8::9", trusted: edge })).toBe(
      "2001:db8::9",
    );
  });

  it("stops at a hop that is not an address, keeping the last good one", () => {
    expect(
      clientAddressFrom({ peer: "10.0.0.5", forwardedFor: "203.0.113.66, <script>", trusted: edge }),
    ).toBe("10.0.0.5");
    expect(clientAddressFrom({ peer: null, forwardedFor: "203.0.113.66", trusted: edge })).toBeNull();
  });
});

describe("request ids", () => {
  it("keeps an upstream id only when it is a short plain token", () => {
    expect(upstreamRequestId("edge-7f3a9c.01")).toBe("edge-7f3a9c.01");
    expect(upstreamRequestId("d15a330d-01d2-4863-b765-be52616443ce")).toBe(
      "d15a330d-01d2-4863-b765-be52616443ce",
    );
    for (const bad of ["<b>x</b>", "@SUM(1+1)", "a b", "x".repeat(65), "", "-lead", "line\nbreak"])
      expect(upstreamRequestId(bad), bad).toBeNull();
  });

  it("are the portal's own: whatever the caller sends under these names is replaced", () => {
    const incoming = new Headers({
      "x-request-id": "d15a330d-01d2-4863-b765-be52616443ce",
      "x-roost-upstream-request-id": "<planted>",
      "x-roost-client-address": "6.6.6.6",
      "x-roost-peer-address": "198.51.100.7",
      "x-forwarded-for": "203.0.113.66",
    });
    const { headers, requestId } = stampRequestIdentity(incoming, none, () => "portal-made");
    expect(requestId).toBe("portal-made");
    expect(headers.get("x-request-id")).toBe("portal-made");
    expect(headers.get("x-roost-upstream-request-id")).toBe("d15a330d-01d2-4863-b765-be52616443ce");
    expect(headers.get("x-roost-client-address")).toBe("198.51.100.7");

    const bare = stampRequestIdentity(new Headers({ "x-roost-client-address": "6.6.6.6" }), none).headers;
    expect(bare.get("x-roost-client-address")).toBeNull();
    expect(bare.get("x-roost-upstream-request-id")).toBeNull();
  });
});
