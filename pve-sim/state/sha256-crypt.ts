import { createHash, randomBytes } from "node:crypto";

/**
 * `$5$` SHA-256 crypt (Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512", default 5000 rounds), the
 * scheme PVE's `PVE::Tools::encrypt_pw` asks of crypt(3) when no prefix is given (pve-common Tools.pm,
 * 8.3.8 and 9.2.1: `$prefix = '5' if !$prefix`). The simulator hashes cipassword with it as PVE does.
 */
export function sha256Crypt(password: string, salt: string): string {
  const key = Buffer.from(password, "utf8");
  const saltBytes = Buffer.from(salt, "utf8").subarray(0, 16);
  const digest = (feed: (add: (bytes: Buffer) => void) => void) => {
    const hash = createHash("sha256");
    feed((bytes) => hash.update(bytes));
    return hash.digest();
  };
  const stretch = (source: Buffer, length: number) =>
    Buffer.concat(Array.from({ length: Math.ceil(length / source.length) }, () => source)).subarray(
      0,
      length,
    );

  const alternate = digest((add) => [key, saltBytes, key].forEach(add));
  let current = digest((add) => {
    add(key);
    add(saltBytes);
    add(stretch(alternate, key.length));
    for (let bits = key.length; bits > 0; bits >>= 1) add(bits & 1 ? alternate : key);
  });
  const keySequence = stretch(
    digest((add) => {
      for (let index = 0; index < key.length; index++) add(key);
    }),
    key.length,
  );
  const saltSequence = stretch(
    digest((add) => {
      for (let index = 0; index < 16 + current[0]!; index++) add(saltBytes);
    }),
    saltBytes.length,
  );
  for (let round = 0; round < 5000; round++) {
    const previous = current;
    current = digest((add) => {
      add(round % 2 ? keySequence : previous);
      if (round % 3) add(saltSequence);
      if (round % 7) add(keySequence);
      add(round % 2 ? previous : keySequence);
    });
  }
  return `$5$${saltBytes.toString("utf8")}$${encodeDigest(current)}`;
}

const itoa64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** The spec's output order for a 32-byte digest: ten triples (g·21 mod 30, +10, +20), then bytes 31 and 30. */
function encodeDigest(bytes: Buffer): string {
  let text = "";
  const emit = (value: number, characters: number) => {
    for (let index = 0; index < characters; index++, value >>= 6) text += itoa64[value & 63];
  };
  for (let group = 0; group < 10; group++) {
    const first = (group * 21) % 30;
    emit((bytes[first]! << 16) | (bytes[(first + 10) % 30]! << 8) | bytes[(first + 20) % 30]!, 4);
  }
  emit((bytes[31]! << 8) | bytes[30]!, 3);
  return text;
}

/**
 * The salt encrypt_pw makes: the first 8 characters of a base64 SHA-1 of a counter, `+` replaced by `X`
 * because crypt(3) does not want it (Tools.pm encrypt_pw). Random bytes stand in for time and pid.
 */
export function encryptPwSalt(): string {
  return createHash("sha1").update(randomBytes(16)).digest("base64").slice(0, 8).replace(/\+/g, "X");
}
