import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging.js";

describe("logger", () => {
  it("redacts secret-looking fields at any depth it knows", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger("info", sink);
    log.info(
      { clientSecret: "s3cret-1", org: { token: "tok-2" }, headers: { authorization: "Bearer tok-3" } },
      "x",
    );
    const text = lines.join("");
    expect(text).toContain('"clientSecret":"[redacted]"');
    for (const secret of ["s3cret-1", "tok-2", "tok-3"]) expect(text).not.toContain(secret);
  });
});
