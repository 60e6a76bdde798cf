import { hash, randomBytes } from "node:crypto";

/** SHA-512 of one buffer. */
export type Sha512 = (data: Buffer) => Buffer;

/**
 * The `$6$` SHA-512 crypt hash (Drepper's SHA-crypt, 5000 rounds) that cloud-init and Proxmox accept as
 * `cipassword`, so the clear password never has to be stored on its way to the VM. Self-contained, its one
 * dependency passed in: `sha512-crypt-thread.ts` runs this function's source in a worker thread.
 */
export function sha512CryptWith(sha512: Sha512, password: string, salt: string): string {
  const alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
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
  ];
  // One-shot hashing of the joined parts: 5,000 rounds make a Hash object per round the cost otherwise.
  const digest = (...parts: Buffer[]) => sha512(Buffer.concat(parts));
  const repeatTo = (source: Buffer, length: number) => {
    const out = Buffer.alloc(length);
    for (let offset = 0; offset < length; offset += source.length)
      source.copy(out, offset, 0, Math.min(source.length, length - offset));
    return out;
  };
  const key = Buffer.from(password, "utf8");
  const saltBytes = Buffer.from(salt.slice(0, 16), "utf8");
  const b = digest(key, saltBytes, key);
  const parts: Buffer[] = [key, saltBytes, repeatTo(b, key.length)];
  for (let length = key.length; length > 0; length >>= 1) parts.push(length & 1 ? b : key);
  let a = digest(...parts);
  const p = repeatTo(digest(...Array.from({ length: key.length }, () => key)), key.length);
  const s = repeatTo(digest(...Array.from({ length: 16 + a[0]! }, () => saltBytes)), saltBytes.length);
  for (let round = 0; round < 5000; round++) {
    const step: Buffer[] = [round & 1 ? p : a];
    if (round % 3) step.push(s);
    if (round % 7) step.push(p);
    step.push(round & 1 ? a : p);
    a = digest(...step);
  }
  let out = "";
  const put = (value: number, count: number) => {
    for (let index = 0; index < count; index++) {
      out += alphabet[value & 0x3f];
      value >>= 6;
    }
  };
  for (const [x, y, z] of order) put((a[x!]! << 16) | (a[y!]! << 8) | a[z!]!, 4);
  put(a[63]!, 2);
  return `$6$${saltBytes.toString("utf8")}$${out}`;
}

export const nodeSha512: Sha512 = (data) => hash("sha512", data, "buffer");

/** Up to 16 characters of crypt's salt alphabet, random. */
export const randomCryptSalt = () =>
  randomBytes(12)
    .toString("base64")
    .replace(/[^a-zA-Z0-9./]/g, "")
    .slice(0, 16);

/** The hash on this thread; `sha512CryptOffThread` keeps the event loop free for a batch of them. */
export function sha512Crypt(password: string, salt = randomCryptSalt()): string {
  return sha512CryptWith(nodeSha512, password, salt);
}
