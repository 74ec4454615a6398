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

  it("writes only at enabled levels", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger("warn", sink);
    log.debug({ n: 1 }, "dropped");
    log.info({ n: 2 }, "dropped");
    expect(lines).toEqual([]);
    log.warn({ n: 3 }, "kept");
    log.error({ n: 4 }, "kept");
    expect(lines.map((l) => JSON.parse(l).n)).toEqual([3, 4]);
  });
});
