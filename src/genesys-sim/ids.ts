import { createHash, randomUUID } from "node:crypto";

/**
 * A stable UUID for a fixture entity that has no explicit id. Derived from `${orgSlug}:${kind}:${name}`
 * so the same fixture always yields the same ids: tests, persisted state and audit rows can refer to
 * them across runs without the fixture author inventing UUIDs.
 */
export function derivedUuid(orgSlug: string, kind: string, name: string): string {
  const bytes = createHash("sha1").update(`${orgSlug}:${kind}:${name}`).digest().subarray(0, 16);
  // Version 5 and RFC 4122 variant bits, so the value looks like (and validates as) a real UUID.
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A fresh id for one error or response (`contextId`, `inin-correlation-id`). */
export function freshUuid(): string {
  return randomUUID();
}

/** A number in [0, 1) derived from a string: deterministic "random" figures per campaign. */
export function unitHash(text: string): number {
  return createHash("sha1").update(text).digest().readUInt32BE(0) / 0x1_0000_0000;
}
