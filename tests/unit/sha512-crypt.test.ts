import { describe, expect, it } from "vitest";
import { sha512Crypt } from "@/lib/crypto/sha512-crypt";
import { hashingOn, sha512CryptOffThread } from "@/lib/crypto/sha512-crypt-thread";

describe("SHA-512 crypt for cloud-init passwords", () => {
  it("matches what `openssl passwd -6` prints", () => {
    expect(sha512Crypt("Hello world!", "saltstring")).toBe(
      "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
    );
    expect(sha512Crypt("correct horse", "abcdefgh12345678")).toBe(
      "$6$abcdefgh12345678$hH3FjZZkD.RuGmIukoJ6X1/ojxI7Q6oXs70HmGNrON9WfqbLQ0xd/ksJZ6H.4WbnNfveboF8T745gOj/MOnsv.",
    );
  });

  it("salts each hash differently", () => {
    const first = sha512Crypt("same password");
    const second = sha512Crypt("same password");
    expect(first).toMatch(/^\$6\$[a-zA-Z0-9./]{1,16}\$[a-zA-Z0-9./]{86}$/);
    expect(first).not.toBe(second);
  });

  it("makes the same hashes in its worker thread, many at once", async () => {
    expect(await sha512CryptOffThread("Hello world!", "saltstring")).toBe(
      sha512Crypt("Hello world!", "saltstring"),
    );
    const passwords = Array.from({ length: 8 }, (_, index) => `password ${index}`);
    const hashed = await Promise.all(
      passwords.map((password) => sha512CryptOffThread(password, "abcdefgh12345678")),
    );
    expect(hashed).toEqual(passwords.map((password) => sha512Crypt(password, "abcdefgh12345678")));
    expect(hashingOn()).toBe("thread");
  });
});
