import { describe, expect, it } from "vitest";
import { cloudInitNetwork } from "@/lib/ipam/cloud-init-network";
import { ptrNameIn, reverseZoneOf } from "@/lib/ipam/export-model";
import { formatIpv4, parseCidr, parseIpv4 } from "@/lib/ipam/ipv4";
import { allocatableCount, isAllocatable, lowestFreeAddress } from "@/lib/ipam/pool-addresses";
import { poolDefinitionSchema } from "@/lib/ipam/pool-definition";
import { macAddressOf } from "@/lib/proxmox";

const pool = { cidr: "10.20.0.0/24", gateway: "10.20.0.1", rangeStart: "10.20.0.1", rangeEnd: "10.20.0.5" };

describe("IPv4 arithmetic", () => {
  it("reads and writes addresses and subnets", () => {
    expect(formatIpv4(parseIpv4("192.168.255.1") + 1)).toBe("192.168.255.2");
    expect(parseCidr("10.20.0.0/23")).toEqual({ network: parseIpv4("10.20.0.0"), prefix: 23, size: 512 });
    expect(parseCidr("10.20.0.5/24")).toBeNull();
    expect(parseCidr("10.20.0.0/33")).toBeNull();
    expect(() => parseIpv4("10.0.0.256")).toThrow();
  });
});

describe("a pool's addresses", () => {
  it("are the range without the gateway, the network and the broadcast address", () => {
    expect(allocatableCount(pool)).toBe(4);
    expect(allocatableCount({ ...pool, rangeStart: "10.20.0.250", rangeEnd: "10.20.0.255" })).toBe(5);
    expect(isAllocatable(pool, "10.20.0.1")).toBe(false);
    expect(isAllocatable(pool, "10.20.0.2")).toBe(true);
    expect(isAllocatable(pool, "10.20.0.6")).toBe(false);
  });

  it("are handed out lowest first, skipping those taken, until none is left", () => {
    expect(lowestFreeAddress(pool, [])).toBe("10.20.0.2");
    expect(lowestFreeAddress(pool, ["10.20.0.2", "10.20.0.4"])).toBe("10.20.0.3");
    expect(lowestFreeAddress(pool, ["10.20.0.2", "10.20.0.3", "10.20.0.4", "10.20.0.5"])).toBeNull();
  });
});

describe("what an admin enters for a pool", () => {
  const valid = {
    networkId: "00000000-0000-4000-8000-000000000001",
    cidr: "10.20.0.0/24",
    gateway: "10.20.0.1",
    rangeStart: "10.20.0.10",
    rangeEnd: "10.20.0.200",
    dnsServers: ["10.20.0.2"],
    domain: "Lab.Example.org",
  };

  it("is accepted when consistent, with the domain in lowercase", () => {
    expect(poolDefinitionSchema.parse(valid)).toMatchObject({
      domain: "lab.example.org",
      gateway: "10.20.0.1",
    });
    expect(poolDefinitionSchema.parse({ ...valid, gateway: "" }).gateway).toBeNull();
  });

  it.each([
    [{ cidr: "10.20.0.1/24" }, "cidr"],
    [{ cidr: "10.0.0.0/4" }, "cidr"],
    [{ rangeStart: "10.21.0.10" }, "rangeStart"],
    [{ rangeEnd: "10.20.0.255" }, "rangeEnd"],
    [{ rangeStart: "10.20.0.100", rangeEnd: "10.20.0.50" }, "rangeEnd"],
    [{ gateway: "10.30.0.1" }, "gateway"],
    [{ dnsServers: [] }, "dnsServers"],
    [{ dnsServers: ["dns.example.org"] }, "dnsServers"],
    [{ domain: "not a domain" }, "domain"],
    [{ cidr: "10.0.0.0/8", rangeStart: "10.0.0.1", rangeEnd: "10.2.0.0" }, "rangeEnd"],
  ])("is refused with %o, on the field %s", (change, field) => {
    const result = poolDefinitionSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });
});

describe("cloud-init network settings", () => {
  it("give a pooled VM its static address, and any other VM DHCP", () => {
    expect(
      cloudInitNetwork({
        address: "10.20.0.10",
        hostname: "web",
        pool: {
          cidr: "10.20.0.0/24",
          gateway: "10.20.0.1",
          dnsServers: ["10.20.0.2", "1.1.1.1"],
          domain: "lab.example.org",
        },
      }),
    ).toEqual({
      ipconfig0: "ip=10.20.0.10/24,gw=10.20.0.1",
      nameserver: "10.20.0.2 1.1.1.1",
      searchdomain: "lab.example.org",
    });
    expect(cloudInitNetwork(null)).toEqual({ ipconfig0: "ip=dhcp" });
  });
});

describe("reverse zones", () => {
  it("round the subnet out to whole octets", () => {
    expect(reverseZoneOf("10.20.0.0/24")).toBe("0.20.10.in-addr.arpa");
    expect(reverseZoneOf("10.20.0.128/25")).toBe("0.20.10.in-addr.arpa");
    expect(reverseZoneOf("10.20.0.0/23")).toBe("20.10.in-addr.arpa");
    expect(ptrNameIn("20.10.in-addr.arpa", "10.20.1.7")).toBe("7.1");
  });
});

describe("a NIC's MAC address", () => {
  it("is read from either form of a net entry", () => {
    expect(macAddressOf("virtio=BC:24:11:AA:BB:CC,bridge=vmbr0")).toBe("bc:24:11:aa:bb:cc");
    expect(macAddressOf("model=e1000,macaddr=BC:24:11:00:00:01,bridge=vmbr0")).toBe("bc:24:11:00:00:01");
    expect(macAddressOf("virtio,bridge=vmbr0")).toBeNull();
  });
});
