import { describe, expect, it } from "vitest";
import { classifyAddress } from "@/lib/webhooks/address-ranges";

const labelOf = (address: string) => classifyAddress(address)?.label ?? null;

describe("which addresses a webhook may reach", () => {
  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "172.32.0.1",
    "100.128.0.1",
    "169.255.0.1",
    "2001:4860:4860::8888",
    "2a00:1450::1",
  ])("leaves the public address %s alone", (address) => {
    expect(labelOf(address)).toBeNull();
  });

  it.each([
    ["127.0.0.1", "a loopback address", true],
    ["127.255.255.254", "a loopback address", true],
    ["::1", "a loopback address", true],
    ["10.0.0.1", "a private address (RFC 1918)", true],
    ["172.16.0.1", "a private address (RFC 1918)", true],
    ["172.31.255.255", "a private address (RFC 1918)", true],
    ["192.168.1.1", "a private address (RFC 1918)", true],
    ["169.254.10.10", "a link-local address", true],
    ["fe80::1", "a link-local address", true],
    ["100.64.0.1", "a carrier-grade NAT address (RFC 6598)", true],
    ["100.127.255.255", "a carrier-grade NAT address (RFC 6598)", true],
    ["fc00::1", "a unique-local IPv6 address", true],
    ["fdff:ffff::1", "a unique-local IPv6 address", true],
    ["169.254.169.254", "the cloud metadata service", false],
    ["fd00:ec2::254", "the cloud metadata service", false],
    ["0.0.0.0", "an unspecified address (it reaches this host)", false],
    ["::", "an unspecified address (it reaches this host)", false],
    ["224.0.0.1", "a multicast or reserved address", false],
    ["255.255.255.255", "a multicast or reserved address", false],
  ])("names %s as %s", (address, label, allowedWithPrivate) => {
    expect(classifyAddress(address)).toMatchObject({ label, allowedWithPrivate });
  });

  it.each([
    ["::ffff:127.0.0.1", "a loopback address"],
    ["::ffff:7f00:1", "a loopback address"],
    ["::ffff:169.254.169.254", "the cloud metadata service"],
    ["64:ff9b::10.0.0.1", "a private address (RFC 1918)"],
    ["64:ff9b::a9fe:a9fe", "the cloud metadata service"],
  ])("judges the IPv4 address inside %s", (address, label) => {
    expect(labelOf(address)).toBe(label);
  });

  it("leaves a mapped public address alone", () => {
    expect(labelOf("::ffff:8.8.8.8")).toBeNull();
  });
});
