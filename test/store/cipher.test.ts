import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isAppError } from "../../src/core/kernel/errors.js";
import { createCipher, keyIdFor, parseMasterKey, type SealedSecret } from "../../src/store/cipher.js";

const SECRET = "client-secret-Very-Private-42";

function cipherFor(...keys: Buffer[]) {
  return createCipher(keys.map((key) => ({ id: keyIdFor(key), key })));
}

/** Flips one bit of a base64 field. */
function flip(base64: string): string {
  const bytes = Buffer.from(base64, "base64");
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytes.toString("base64");
}

function failure(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}

describe("secret cipher", () => {
  const key = randomBytes(32);
  const cipher = cipherFor(key);

  it("round-trips a secret, with a fresh 12-byte nonce each time", () => {
    const a = cipher.seal(SECRET);
    const b = cipher.seal(SECRET);
    expect(cipher.open(a)).toBe(SECRET);
    expect(a.keyId).toBe(keyIdFor(key));
    expect(Buffer.from(a.nonce, "base64")).toHaveLength(12);
    expect(Buffer.from(a.tag, "base64")).toHaveLength(16);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(JSON.stringify(a)).not.toContain(SECRET);
  });

  it("round-trips unicode and empty secrets", () => {
    for (const plain of ["", "pässwörd-🔑"]) expect(cipher.open(cipher.seal(plain))).toBe(plain);
  });

  it("refuses tampered ciphertext, tag or nonce, without echoing the secret", () => {
    const sealed = cipher.seal(SECRET);
    for (const field of ["ciphertext", "tag", "nonce"] as const) {
      const tampered: SealedSecret = { ...sealed, [field]: flip(sealed[field]) };
      const error = failure(() => cipher.open(tampered));
      expect(isAppError(error) && error.code).toBe("config");
      expect(error.message).toContain("altered");
      expect(`${error.message} ${String(error.stack)}`).not.toContain(SECRET);
    }
  });

  it("binds a secret to its context", () => {
    const sealed = cipher.seal(SECRET, "linked_org:acme");
    expect(cipher.open(sealed, "linked_org:acme")).toBe(SECRET);
    expect(() => cipher.open(sealed, "linked_org:other")).toThrow(/altered/);
    expect(() => cipher.open(sealed)).toThrow(/altered/);
  });

  it("refuses a secret sealed with a key it does not have", () => {
    const other = cipherFor(randomBytes(32));
    const error = failure(() => other.open(cipher.seal(SECRET)));
    expect(isAppError(error) && error.code).toBe("config");
    expect(error.message).toContain(keyIdFor(key));
    expect(error.message).not.toContain(SECRET);
  });

  it("refuses a wrong key registered under the right id", () => {
    const impostor = createCipher([{ id: keyIdFor(key), key: randomBytes(32) }]);
    expect(() => impostor.open(cipher.seal(SECRET))).toThrow(/altered, or that key is not the one/);
  });

  it("seals with the first key and still opens what older keys sealed", () => {
    const newKey = randomBytes(32);
    const rotated = cipherFor(newKey, key);
    const old = cipher.seal(SECRET);
    expect(rotated.open(old)).toBe(SECRET);
    const fresh = rotated.seal(SECRET);
    expect(fresh.keyId).toBe(keyIdFor(newKey));
    expect(rotated.activeKeyId).toBe(keyIdFor(newKey));
    expect(() => cipher.open(fresh)).toThrow(/not configured/);
  });

  it("rejects keys of the wrong size, no keys, and two keys under one id", () => {
    expect(() => createCipher([])).toThrow(/No master key/);
    expect(() => createCipher([{ id: "k", key: randomBytes(16) }])).toThrow(/32 bytes/);
    expect(() =>
      createCipher([
        { id: "k", key: randomBytes(32) },
        { id: "k", key: randomBytes(32) },
      ]),
    ).toThrow(/Two different master keys/);
  });
});

describe("master keys", () => {
  const key = randomBytes(32);

  it("gives each key a short, stable id that is not the key", () => {
    expect(keyIdFor(key)).toMatch(/^[0-9a-f]{12}$/);
    expect(keyIdFor(Buffer.from(key))).toBe(keyIdFor(key));
    expect(keyIdFor(randomBytes(32))).not.toBe(keyIdFor(key));
    expect(key.toString("hex")).not.toContain(keyIdFor(key));
  });

  it("parses base64, URL-safe base64 and hex keys", () => {
    expect(parseMasterKey(key.toString("base64"))).toEqual(key);
    expect(parseMasterKey(` ${key.toString("base64url")}\n`)).toEqual(key);
    expect(parseMasterKey(key.toString("hex").toUpperCase())).toEqual(key);
  });

  it("explains what a valid key looks like", () => {
    for (const bad of ["", "short", randomBytes(16).toString("base64"), "z".repeat(64)]) {
      const error = failure(() => parseMasterKey(bad));
      expect(isAppError(error) && error.code).toBe("config");
      expect(error.message).toContain("32 bytes");
    }
  });
});
