/**
 * An Approve/Deny button's value: the request id as a structured field (`{"requestId":"K7Q2MX"}`),
 * written and read here only, so no other part of a button's value is ever mistaken for it.
 */

const REQUEST_ID = /^[0-9A-Z]{1,16}$/;

export function requestButtonValue(requestId: string): string {
  return JSON.stringify({ requestId });
}

/** The request id a clicked Approve/Deny button carries, upper-cased; "" when it carries none. */
export function requestIdOf(value: string | undefined): string {
  const text = (value ?? "").trim();
  if (text.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(text);
      const id = typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "requestId") : undefined;
      return typeof id === "string" ? id.trim().toUpperCase() : "";
    } catch {
      return "";
    }
  }
  // Buttons posted before the structured value carried the bare id (`K7Q2MX`); requests stay open
  // for days, so those messages are still clicked and must keep working.
  const bare = text.toUpperCase();
  return REQUEST_ID.test(bare) ? bare : "";
}
