import { describe, expect, it } from "vitest";
import { encryptPwSalt, sha256Crypt } from "@/pve-sim/state/sha256-crypt";

describe("the simulator's $5$ SHA-256 crypt, which PVE's encrypt_pw uses for cipassword", () => {
  it("matches the reference vectors of Drepper's specification", () => {
    expect(sha256Crypt("Hello world!", "saltstring")).toBe(
      "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5",
    );
    expect(sha256Crypt("Hello world!", "saltstringsaltstringXX")).toBe(
      "$5$saltstringsaltst$a5C8Ofk71MUIoKve2QuP9FMl.dwNgseF5tR1LGAL7iB",
    );
  });

  it("hashes UTF-8 passwords as crypt(3) does (checked with openssl passwd -5)", () => {
    expect(sha256Crypt("pässwörd", "ab/Xcd12")).toBe(
      "$5$ab/Xcd12$SAI0wVggKAlfxu7qJ8v8ykKGHhB8oIa52ldDvCYJRrC",
    );
  });

  it("makes encrypt_pw's salts: 8 base64 characters without a plus", () => {
    const salts = Array.from({ length: 200 }, encryptPwSalt);
    for (const salt of salts) expect(salt).toMatch(/^[A-Za-z0-9/]{8}$/);
    expect(new Set(salts).size).toBe(200);
  });
});
