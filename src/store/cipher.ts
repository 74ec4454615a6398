/**
 * Secrets at rest: AES-256-GCM under a master key, with the key's id stored next to the ciphertext
 * so keys can rotate (the first key seals; older keys stay configured to open what they sealed until
 * `switchboard keys rotate` re-seals it). Errors never contain the secret or the key.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { AppError } from "../core/kernel/errors.js";

/** One sealed secret, as stored: base64 strings plus the id of the key that sealed it. */
export interface SealedSecret {
  ciphertext: string;
  nonce: string;
  tag: string;
  keyId: string;
}

export interface MasterKey {
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

export interface SecretCipher {
  /** The id of the key new secrets are sealed with. */
  readonly activeKeyId: string;
  /**
   * @param context optional associated data (e.g. `linked_org:acme`): authenticated, not stored, so a
   *   sealed value copied to another row no longer opens.
   */
  seal(plain: string, context?: string): SealedSecret;
  /** Throws AppError("config") when the key is unknown, wrong, or the data (or context) was altered. */
  open(sealed: SealedSecret, context?: string): string;
}

const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
const NONCE_BYTES = 12; // GCM's native nonce size; random per seal (2^-32 collision odds at 2^32 seals)
const TAG_BYTES = 16;

/** @param keys the active key first, then older keys that may only open. */
export function createCipher(keys: MasterKey[]): SecretCipher {
  const [active] = keys;
  if (!active)
    throw new AppError("config", "No master key is configured.", { hint: "Set SWITCHBOARD_MASTER_KEY." });
  const byId = new Map<string, Buffer>();
  for (const { id, key } of keys) {
    if (key.length !== KEY_BYTES)
      throw new AppError("config", `Master key ${id} is not ${KEY_BYTES} bytes long.`);
    // The same key listed twice (active and old) is harmless; two keys under one id are not.
    const existing = byId.get(id);
    if (existing && !existing.equals(key))
      throw new AppError("config", `Two different master keys have the id ${id}.`);
    byId.set(id, key);
  }

  return {
    activeKeyId: active.id,
    seal(plain, context) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv(ALGORITHM, active.key, nonce, { authTagLength: TAG_BYTES });
      if (context !== undefined) cipher.setAAD(Buffer.from(context, "utf8"));
      const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return {
        ciphertext: ciphertext.toString("base64"),
        nonce: nonce.toString("base64"),
        tag: cipher.getAuthTag().toString("base64"),
        keyId: active.id,
      };
    },
    open(sealed, context) {
      const key = byId.get(sealed.keyId);
      if (!key) {
        throw new AppError(
          "config",
          `A stored secret was sealed with master key ${sealed.keyId}, which is not configured.`,
          {
            hint: "Add that key to SWITCHBOARD_OLD_MASTER_KEYS (then run `switchboard keys rotate`).",
          },
        );
      }
      try {
        const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(sealed.nonce, "base64"), {
          authTagLength: TAG_BYTES,
        });
        decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
        if (context !== undefined) decipher.setAAD(Buffer.from(context, "utf8"));
        const plain = Buffer.concat([
          decipher.update(Buffer.from(sealed.ciphertext, "base64")),
          decipher.final(),
        ]);
        return plain.toString("utf8");
      } catch (error) {
        // GCM cannot tell a wrong key from altered data: both fail authentication. The cause is
        // Node's generic "Unsupported state or unable to authenticate data": no secret material.
        throw new AppError(
          "config",
          `A stored secret could not be decrypted with master key ${sealed.keyId}: it was altered, or that key is not the one that sealed it.`,
          {
            hint: "Check SWITCHBOARD_MASTER_KEY / SWITCHBOARD_OLD_MASTER_KEYS, or re-link the org.",
            cause: error,
          },
        );
      }
    },
  };
}

/**
 * A short, stable id for a key: the first 12 hex digits of a domain-separated SHA-256. Safe to store
 * and log; it identifies the key without revealing anything usable about it.
 */
export function keyIdFor(key: Buffer): string {
  return createHash("sha256").update("switchboard master key id\0").update(key).digest("hex").slice(0, 12);
}

/** A 32-byte key written as 64 hex digits or as base64 (standard or URL-safe). */
export function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  if (/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(trimmed)) {
    const key = Buffer.from(trimmed.replaceAll("-", "+").replaceAll("_", "/"), "base64");
    if (key.length === KEY_BYTES) return key;
  }
  throw new AppError(
    "config",
    "The master key must be 32 bytes, written as base64 (44 characters) or hex (64 digits).",
    {
      hint: "Generate one with: node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64'))\"",
    },
  );
}
