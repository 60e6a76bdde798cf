import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

/** An AES-256 key and a short id that names it without revealing it. */
export interface SecretKey {
  key: Buffer;
  id: string;
}

/**
 * Turns ROOST_SECRET_KEY into a key: base64 of exactly 32 bytes is taken as those bytes, anything else as
 * text; HKDF separates this use from any other the same value might have.
 */
export function deriveSecretKey(material: string): SecretKey {
  const decoded = /^[A-Za-z0-9+/_-]{43}=?$/.test(material) ? Buffer.from(material, "base64") : null;
  const input = decoded?.length === 32 ? decoded : Buffer.from(material, "utf8");
  const key = Buffer.from(hkdfSync("sha256", input, Buffer.alloc(0), "roost secret-box v1", 32));
  const id = createHmac("sha256", key).update("roost key id").digest("hex").slice(0, 8);
  return { key, id };
}

/**
 * Encrypts with AES-256-GCM under a fresh 96-bit nonce: `v1:<key id>:<base64url(nonce|ciphertext|tag)>`.
 * The context (what the secret belongs to) is authenticated, so a sealed value copied elsewhere won't open.
 */
export function sealSecret(secretKey: SecretKey, plaintext: string, context = ""): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", secretKey.key, nonce);
  cipher.setAAD(associatedData(secretKey.id, context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const sealed = Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]).toString("base64url");
  return `${VERSION}:${secretKey.id}:${sealed}`;
}

export function openSecret(secretKey: SecretKey, sealed: string, context = ""): string {
  const [version, keyId, body, ...rest] = sealed.split(":");
  if (version !== VERSION || !keyId || !body || rest.length > 0)
    throw new SecretBoxError("The stored secret is not in a format Roost knows (expected v1:…).");
  if (keyId !== secretKey.id)
    throw new SecretBoxError(
      `The stored secret cannot be decrypted with this ROOST_SECRET_KEY: it was encrypted with key ${keyId}, this one is ${secretKey.id}. Restore the old key or enter the secret again.`,
    );
  const bytes = Buffer.from(body, "base64url");
  if (bytes.length < NONCE_BYTES + TAG_BYTES)
    throw new SecretBoxError("The stored secret is truncated and cannot be decrypted.");
  const decipher = createDecipheriv("aes-256-gcm", secretKey.key, bytes.subarray(0, NONCE_BYTES));
  decipher.setAAD(associatedData(keyId, context));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    const plaintext = Buffer.concat([
      decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return plaintext.toString("utf8");
  } catch {
    throw new SecretBoxError(
      "The stored secret cannot be decrypted with this ROOST_SECRET_KEY: it was altered or belongs to another record.",
    );
  }
}

function associatedData(keyId: string, context: string): Buffer {
  return Buffer.from(`${VERSION}:${keyId}:${context}`, "utf8");
}
