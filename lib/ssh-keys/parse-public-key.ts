import { createHash } from "node:crypto";
import { message } from "@/lib/i18n/message";
import { hasBidiControls } from "@/lib/text/display-text";

export interface PublicKey {
  type: "ssh-ed25519" | "ecdsa-sha2-nistp256" | "ecdsa-sha2-nistp384" | "ecdsa-sha2-nistp521" | "ssh-rsa";
  /** The key as one canonical line: type, base64 blob and comment. */
  line: string;
  comment: string;
  /** OpenSSH's SHA256 fingerprint, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  bits: number;
}

/** A refusal's `error` is a catalog token (lib/i18n/message.ts): said in the reader's language. */
export type ParseResult = { ok: true; key: PublicKey } | { ok: false; error: string };

const ecdsaCurves: Record<string, { curve: string; bits: number }> = {
  "ecdsa-sha2-nistp256": { curve: "nistp256", bits: 256 },
  "ecdsa-sha2-nistp384": { curve: "nistp384", bits: 384 },
  "ecdsa-sha2-nistp521": { curve: "nistp521", bits: 521 },
};

/** Reads the length-prefixed fields of an SSH wire-format blob. */
function readFields(blob: Buffer): Buffer[] | null {
  const fields: Buffer[] = [];
  let offset = 0;
  while (offset < blob.length) {
    if (offset + 4 > blob.length) return null;
    const length = blob.readUInt32BE(offset);
    offset += 4;
    if (offset + length > blob.length) return null;
    fields.push(blob.subarray(offset, offset + length));
    offset += length;
  }
  return fields;
}

function bitLength(mpint: Buffer): number {
  let start = 0;
  while (start < mpint.length && mpint[start] === 0) start++;
  if (start === mpint.length) return 0;
  return (mpint.length - start - 1) * 8 + (32 - Math.clz32(mpint[start]!));
}

/** The key's size in bits, or why it is refused. */
function keyBits(type: string, fields: Buffer[]): number | string {
  const damaged = message("errors.sshKeys.keyDamaged", { type });
  if (type === "ssh-ed25519") return fields.length === 2 && fields[1]!.length === 32 ? 256 : damaged;
  if (type === "ssh-rsa") {
    if (fields.length !== 3) return damaged;
    const bits = bitLength(fields[2]!);
    return bits >= 2048 ? bits : message("errors.sshKeys.rsaTooShort", { type, bits });
  }
  const curve = ecdsaCurves[type];
  if (curve && fields.length === 3 && fields[1]!.toString() === curve.curve) return curve.bits;
  return damaged;
}

/** Validates one OpenSSH public key line (ed25519, ECDSA or RSA), as pasted from a .pub file. */
export function parsePublicKey(input: string): ParseResult {
  const text = input.trim();
  if (!text) return { ok: false, error: message("errors.sshKeys.empty") };
  if (/PRIVATE KEY/.test(text)) {
    return { ok: false, error: message("errors.sshKeys.privateKey") };
  }
  if (/[\r\n]/.test(text)) return { ok: false, error: message("errors.sshKeys.oneLine") };
  const [type = "", data = "", ...rest] = text.split(/\s+/);
  const comment = rest.join(" ");
  if (hasBidiControls(comment)) return { ok: false, error: message("errors.sshKeys.commentBidi") };
  if (!(type === "ssh-ed25519" || type === "ssh-rsa" || type in ecdsaCurves)) {
    return { ok: false, error: message("errors.sshKeys.typeRefused", { type: type.slice(0, 40) }) };
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data))
    return { ok: false, error: message("errors.sshKeys.base64Damaged") };
  const blob = Buffer.from(data, "base64");
  const fields = readFields(blob);
  if (!fields || fields[0]?.toString() !== type) {
    return { ok: false, error: message("errors.sshKeys.typeMismatch") };
  }
  const bits = keyBits(type, fields);
  if (typeof bits === "string") return { ok: false, error: bits };
  const fingerprint = `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
  return {
    ok: true,
    key: {
      type: type as PublicKey["type"],
      line: [type, data, comment].filter(Boolean).join(" "),
      comment,
      fingerprint,
      bits,
    },
  };
}
