import { hash, randomBytes } from "node:crypto";

const alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// One-shot hashing of the joined parts: 5,000 rounds make a Hash object per round the cost otherwise.
const sha512 = (...parts: Buffer[]): Buffer => hash("sha512", Buffer.concat(parts), "buffer");

function repeatTo(source: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let offset = 0; offset < length; offset += source.length)
    source.copy(out, offset, 0, Math.min(source.length, length - offset));
  return out;
}

// The byte order SHA-crypt writes its 64-byte digest in, three bytes to four characters.
const order = [
  [0, 21, 42],
  [22, 43, 1],
  [44, 2, 23],
  [3, 24, 45],
  [25, 46, 4],
  [47, 5, 26],
  [6, 27, 48],
  [28, 49, 7],
  [50, 8, 29],
  [9, 30, 51],
  [31, 52, 10],
  [53, 11, 32],
  [12, 33, 54],
  [34, 55, 13],
  [56, 14, 35],
  [15, 36, 57],
  [37, 58, 16],
  [59, 17, 38],
  [18, 39, 60],
  [40, 61, 19],
  [62, 20, 41],
] as const;

function encode(digest: Buffer): string {
  let out = "";
  const put = (value: number, count: number) => {
    for (let index = 0; index < count; index++) {
      out += alphabet[value & 0x3f];
      value >>= 6;
    }
  };
  for (const [a, b, c] of order) put((digest[a]! << 16) | (digest[b]! << 8) | digest[c]!, 4);
  put(digest[63]!, 2);
  return out;
}

/**
 * The `$6$` SHA-512 crypt hash (Drepper's SHA-crypt, 5000 rounds) that cloud-init and Proxmox accept as
 * `cipassword`, so the clear password never has to be stored on its way to the VM.
 */
export function sha512Crypt(
  password: string,
  salt = randomBytes(12)
    .toString("base64")
    .replace(/[^a-zA-Z0-9./]/g, "")
    .slice(0, 16),
): string {
  const key = Buffer.from(password, "utf8");
  const saltBytes = Buffer.from(salt.slice(0, 16), "utf8");
  const b = sha512(key, saltBytes, key);
  const parts: Buffer[] = [key, saltBytes, repeatTo(b, key.length)];
  for (let length = key.length; length > 0; length >>= 1) parts.push(length & 1 ? b : key);
  let a = sha512(...parts);
  const p = repeatTo(sha512(...Array.from({ length: key.length }, () => key)), key.length);
  const s = repeatTo(sha512(...Array.from({ length: 16 + a[0]! }, () => saltBytes)), saltBytes.length);
  for (let round = 0; round < 5000; round++) {
    const step: Buffer[] = [round & 1 ? p : a];
    if (round % 3) step.push(s);
    if (round % 7) step.push(p);
    step.push(round & 1 ? a : p);
    a = sha512(...step);
  }
  return `$6$${saltBytes.toString("utf8")}$${encode(a)}`;
}
