/**
 * Approval ids: six characters of Crockford base32 (`K7Q2MX`), short enough to type in chat. The
 * alphabet has no I, L, O or U, so nothing reads as another character; reading is forgiving the
 * way Crockford specifies: any case, O for 0, I or L for 1, hyphens and spaces ignored.
 * 32^6 ≈ 1.07 billion ids: collisions are rare, and the store retries on one (primary key).
 */
import { randomBytes } from "node:crypto";

const APPROVAL_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const APPROVAL_ID_LENGTH = 6;

/** A fresh random id. 256 is a multiple of 32, so masking each byte keeps the choice uniform. */
export function newApprovalId(): string {
  let id = "";
  for (const byte of randomBytes(APPROVAL_ID_LENGTH)) id += APPROVAL_ID_ALPHABET[byte & 31];
  return id;
}

/** The canonical spelling of an id as someone typed it (`k7q2-mx` → `K7Q2MX`, `O` → `0`). */
export function normalizeApprovalId(typed: string): string {
  return typed.trim().toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}
