import { describe, expect, it } from "vitest";
import { listenHost } from "../../src/cli/serve-command.js";

describe("where serve listens", () => {
  it("listens on loopback by default when Teams is anonymous, and on every interface otherwise", () => {
    expect(listenHost(undefined, true)).toBe("127.0.0.1");
    expect(listenHost(undefined, false)).toBe("0.0.0.0");
    expect(listenHost("10.0.0.5", false)).toBe("10.0.0.5");
  });

  it("accepts only loopback hosts for anonymous Teams", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"])
      expect(listenHost(host, true)).toBe(host);
    for (const host of ["0.0.0.0", "::", "10.0.0.5", "bot.example.com", "127.0.0.1.evil.example"])
      expect(() => listenHost(host, true), host).toThrow(/is not loopback/);
  });
});
