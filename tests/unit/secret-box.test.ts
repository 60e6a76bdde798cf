import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { deriveSecretKey, openSecret, SecretBoxError, sealSecret } from "@/lib/crypto/secret-box";
import { secretKeyFor } from "@/lib/crypto/secret-key";

const key = deriveSecretKey(randomBytes(32).toString("base64"));
const secret = "5f0c8a42-demo-4d2b-9c1e-simulated0001";

describe("the secret box", () => {
  it("opens what it sealed, and never seals the same secret to the same text twice", () => {
    const first = sealSecret(key, secret, "cluster:lab");
    const second = sealSecret(key, secret, "cluster:lab");
    expect(first).toMatch(/^v1:[0-9a-f]{8}:[A-Za-z0-9_-]+$/);
    expect(first).not.toEqual(second);
    expect(first).not.toContain(secret);
    expect(openSecret(key, first, "cluster:lab")).toBe(secret);
    expect(openSecret(key, second, "cluster:lab")).toBe(secret);
  });

  it("detects a changed byte anywhere in the sealed value", () => {
    const sealed = sealSecret(key, secret);
    const prefix = sealed.slice(0, sealed.lastIndexOf(":") + 1);
    const body = Buffer.from(sealed.slice(prefix.length), "base64url");
    for (const index of [0, 12, body.length - 1]) {
      const tampered = Buffer.from(body);
      tampered[index] = tampered[index]! ^ 1;
      expect(() => openSecret(key, prefix + tampered.toString("base64url"))).toThrow(/altered/);
    }
  });

  it("refuses a sealed value moved to another record", () => {
    const sealed = sealSecret(key, secret, "cluster:lab");
    expect(() => openSecret(key, sealed, "cluster:other")).toThrow(SecretBoxError);
  });

  it("says plainly when the key is not the one the secret was sealed with", () => {
    const sealed = sealSecret(key, secret);
    const other = deriveSecretKey("another key of at least thirty-two characters");
    expect(() => openSecret(other, sealed)).toThrow(
      /cannot be decrypted with this ROOST_SECRET_KEY.*encrypted with key [0-9a-f]{8}/,
    );
  });

  it("rejects values that are not sealed secrets", () => {
    expect(() => openSecret(key, "")).toThrow(/format/);
    expect(() => openSecret(key, "plain secret")).toThrow(/format/);
    expect(() => openSecret(key, `v1:${key.id}:AAAA`)).toThrow(/truncated/);
  });

  it("takes base64 of 32 bytes as those bytes, and any other value as text", () => {
    const raw = randomBytes(32);
    expect(deriveSecretKey(raw.toString("base64")).key).toEqual(
      deriveSecretKey(raw.toString("base64url")).key,
    );
    expect(deriveSecretKey(raw.toString("base64")).id).not.toBe(deriveSecretKey(raw.toString("hex")).id);
  });
});

describe("ROOST_SECRET_KEY", () => {
  it("must be long enough", () => {
    expect(() => parseConfig({ ROOST_SECRET_KEY: "short" })).toThrow(
      /ROOST_SECRET_KEY: expected at least 32/,
    );
  });

  it("is required to encrypt outside demo mode, and the error names it", () => {
    const config = parseConfig({
      OIDC_ISSUER: "https://sso.example.org",
      OIDC_CLIENT_ID: "roost",
      OIDC_CLIENT_SECRET: "secret",
      AUTH_SECRET: "a".repeat(32),
      ROOST_PUBLIC_URL: "https://roost.example.org",
    });
    expect(() => secretKeyFor(config)).toThrow(/ROOST_SECRET_KEY is not set/);
    expect(secretKeyFor({ ...config, ROOST_SECRET_KEY: "k".repeat(32) }).id).toMatch(/^[0-9a-f]{8}$/);
  });

  it("is kept in the data folder in demo mode, the same across restarts", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "roost-key-"));
    try {
      const config = parseConfig({ ROOST_DATA_DIR: dataDir });
      const first = secretKeyFor(config);
      expect(readFileSync(path.join(dataDir, "secret-key"), "utf8").length).toBeGreaterThanOrEqual(32);
      expect(secretKeyFor(config).id).toBe(first.id);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
