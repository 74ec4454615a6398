import { describe, expect, it } from "vitest";
import { fromPastedText } from "../../src/core/diagnosis/pasted-error.js";

describe("reading a pasted Genesys error", () => {
  it("reads an API error body, permissions from message and messageParams", () => {
    const facts = fromPastedText(
      '{"message":"You must have at least one of the following permissions assigned: [outbound:campaign:stop, outbound:campaign:edit]","code":"missing.any.permissions","status":403,"messageParams":{"permissions":"outbound:campaign:stop, outbound:campaign:edit"},"contextId":"a1b2c3d4-0000-4000-8000-000000000001"}',
    );
    expect(facts).toEqual({
      status: 403,
      code: "missing.any.permissions",
      message:
        "You must have at least one of the following permissions assigned: [outbound:campaign:stop, outbound:campaign:edit]",
      permissions: ["outbound:campaign:stop", "outbound:campaign:edit"],
      anyOf: true,
      contextId: "a1b2c3d4-0000-4000-8000-000000000001",
      oauth: false,
    });
  });

  it("reads the token endpoint's shape, even with typographic quotes from a chat client", () => {
    expect(
      fromPastedText(
        "{\u201cerror\u201d: \u201cinvalid_client\u201d, \u201cdescription\u201d: \u201cclient not found\u201d}",
      ),
    ).toMatchObject({
      code: "invalid_client",
      message: "client not found",
      oauth: true,
    });
  });

  it("reads a code, status and Retry-After out of a log line", () => {
    expect(fromPastedText("HTTP 429 too.many.requests Retry-After: 30")).toMatchObject({
      status: 429,
      code: "too.many.requests",
      retryAfterSeconds: 30,
    });
    expect(fromPastedText("403 missing.permissions [outbound:campaign:view] at 12:30:45")).toMatchObject({
      status: 403,
      permissions: ["outbound:campaign:view"],
    });
  });

  it("finds nothing in text that names no error", () => {
    expect(fromPastedText("why is the dialer slow today?")).toBeUndefined();
  });
});
