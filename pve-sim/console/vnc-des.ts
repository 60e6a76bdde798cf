import { createCipheriv } from "node:crypto";

/** VNC authentication's key: the password's first 8 bytes, zero-padded, each byte's bits reversed. */
function vncKey(password: string): Buffer {
  const key = Buffer.alloc(8);
  Buffer.from(password, "latin1").copy(key, 0, 0, 8);
  for (let index = 0; index < 8; index++) {
    let byte = key[index]!;
    let reversed = 0;
    for (let bit = 0; bit < 8; bit++) {
      reversed = (reversed << 1) | (byte & 1);
      byte >>= 1;
    }
    key[index] = reversed;
  }
  return key;
}

/**
 * The 16-byte response to a VNC challenge: DES-ECB under the password. OpenSSL 3 keeps single DES in its
 * legacy provider, so this uses triple DES with three equal keys, which is the same cipher.
 */
export function vncResponse(challenge: Buffer, password: string): Buffer {
  const key = vncKey(password);
  const cipher = createCipheriv("des-ede3-ecb", Buffer.concat([key, key, key]), null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(challenge), cipher.final()]);
}
