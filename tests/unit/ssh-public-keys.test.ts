import { describe, expect, it } from "vitest";
import { renderMessage } from "@/lib/i18n/message";
import { englishTranslator } from "@/lib/i18n/translator";
import { parsePublicKey as parseToken } from "@/lib/ssh-keys/parse-public-key";
import { sshKeys } from "../fixtures/ssh-keys";

// Refusals are catalog tokens; these read them as an English speaker does.
const parsePublicKey = (input: string) => {
  const result = parseToken(input);
  return result.ok ? result : { ...result, error: renderMessage(result.error, englishTranslator()) };
};

describe("SSH public keys a member pastes", () => {
  it.each([
    ["ed25519", sshKeys.ed25519],
    ["ECDSA P-384", sshKeys.ecdsa384],
    ["ECDSA P-521 without a comment", sshKeys.ecdsa521],
    ["RSA 3072", sshKeys.rsa3072],
  ])("accepts %s with the fingerprint and size ssh-keygen reports", (_name, fixture) => {
    const result = parsePublicKey(`  ${fixture.line}\n`);
    expect(result).toMatchObject({ ok: true, key: { fingerprint: fixture.fingerprint, bits: fixture.bits } });
  });

  it("keeps the comment and normalises spacing", () => {
    const [type, data] = sshKeys.ed25519.line.split(" ");
    const result = parsePublicKey(`${type}   ${data}   alice on   laptop`);
    expect(result).toMatchObject({
      ok: true,
      key: { comment: "alice on laptop", line: `${type} ${data} alice on laptop` },
    });
  });

  it("refuses RSA keys shorter than 2048 bits, saying why", () => {
    expect(parsePublicKey(sshKeys.rsa1024.line)).toEqual({
      ok: false,
      error: "This ssh-rsa key is only 1024 bits; RSA keys need at least 2048.",
    });
  });

  it("refuses a private key without echoing it", () => {
    const result = parsePublicKey(
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----",
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/private key/);
    expect(!result.ok && result.error).not.toContain("b3BlbnNzaC1rZXktdjEAAAAA");
  });

  it("refuses other key types, damaged base64, and a blob of another type", () => {
    expect(parsePublicKey("ssh-dss AAAAB3NzaC1kc3M= x")).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not accepted/),
    });
    expect(parsePublicKey("ssh-ed25519 AAAA$$$ x")).toMatchObject({
      ok: false,
      error: expect.stringMatching(/damaged/),
    });
    const rsaBlob = sshKeys.rsa3072.line.split(" ")[1];
    expect(parsePublicKey(`ssh-ed25519 ${rsaBlob}`)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/do not match/),
    });
    const truncated = sshKeys.ed25519.line.split(" ")[1]!.slice(0, 40);
    expect(parsePublicKey(`ssh-ed25519 ${truncated}`).ok).toBe(false);
  });

  it("asks for a key when given nothing, and for one key at a time", () => {
    expect(parsePublicKey("  ")).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Paste a public key/),
    });
    expect(parsePublicKey(`${sshKeys.ed25519.line}\n${sshKeys.rsa3072.line}`)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/one key per entry/),
    });
  });
});
