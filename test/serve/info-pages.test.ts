/**
 * The pages the Teams app package links to (developer website, privacy, terms) are served by
 * `serve` itself (the same route table), so the package never points at a page that is not there.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SlackHarness, startSlackHarness } from "../support/slack-harness.js";

const TEMPLATE = path.resolve(import.meta.dirname, "../../teams/manifest.template.json");

describe("website, privacy and terms pages", () => {
  let s: SlackHarness;
  beforeAll(async () => {
    s = await startSlackHarness();
  });
  afterAll(() => s.close());

  it("serves every developer URL of the Teams manifest template as an HTML page", async () => {
    const developer = JSON.parse(readFileSync(TEMPLATE, "utf8")).developer as Record<string, string>;
    const urls = [developer.websiteUrl, developer.privacyUrl, developer.termsOfUseUrl];
    expect(urls).toHaveLength(3);
    for (const url of urls) {
      const pathname = new URL(String(url).replace("{{host}}", "example.com")).pathname;
      const res = await fetch(`${s.server.url}${pathname}`);
      expect(res.status, pathname).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await res.text()).toContain("<h1>Switchboard");
    }
  });

  it("says in the privacy page what is stored and that secrets are never shown", async () => {
    const text = await (await fetch(`${s.server.url}/privacy`)).text();
    expect(text).toContain("audit log");
    expect(text).toContain("encrypted");
  });
});
