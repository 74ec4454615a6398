/** `explain`: recorded failures (by contextId, or the last one here), pasted error bodies, myths. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoFixturePath } from "../../src/genesys-sim/index.js";
import { type Harness, startHarness } from "../support/app-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ fixturePath: demoFixturePath });
});
afterAll(async () => {
  await h?.close();
});

const body = (fields: Record<string, unknown>) => JSON.stringify(fields);

describe("explain a recorded failure", () => {
  it("explains a 404 by its contextId as a division the client cannot see", async () => {
    const id = h.sim.campaign("acme", "Past Due 30 Days").id;
    const failed = await h.run(`status acme ${id}`, "sam");
    expect(failed.reply.ok).toBe(false);
    expect(failed.text).toContain("Diagnosis: Genesys hides campaigns in divisions the client may not view");
    const contextId = /explain ([0-9a-f-]{36})/.exec(failed.text)?.[1] ?? "";
    expect(contextId).not.toBe("");

    const { reply, text } = await h.run(`explain ${contextId}`, "alex");
    expect(reply.ok).toBe(true);
    expect(text).toContain(
      `shell:sam's status of "${id}" in acme failed just now (404 not.found), contextId ${contextId}.`,
    );
    expect(text).toContain("may view Home and Sales but not Collections");
    expect(text).toContain(
      'Grant role "Switchboard Integration" to OAuth client "Switchboard (acme)" (acme-switchboard) in division Collections.',
    );
  });

  it("explains the caller's last failure in this channel", async () => {
    const refused = await h.run('pause acme "Spring Promo"', "riley");
    expect(refused.text).toContain("The whole story: explain last");
    const { text } = await h.run("explain last", "riley");
    expect(text).toContain('shell:riley\'s pause of "Spring Promo" in acme was refused by Switchboard');
    expect(text).toContain("missing_permission: outbound:campaign:stop or outbound:campaign:edit in Sales");
    expect(text).toMatch(
      /You \(role:Outbound Viewer\): no: lacks outbound:campaign:stop and outbound:campaign:edit in Sales/,
    );
    expect(text).toContain("The OAuth client of acme could do it");
  });

  it("says when there is nothing to explain, or no such contextId", async () => {
    expect((await h.run("explain last", "admin")).text).toContain(
      "Nothing failed for you (shell:admin) in this channel yet.",
    );
    const unknown = await h.run("explain 00000000-0000-4000-8000-000000000000", "sam");
    expect(unknown.reply.ok).toBe(false);
    expect(unknown.text).toContain(
      "Switchboard recorded no failure with contextId 00000000-0000-4000-8000-000000000000.",
    );
  });
});

describe("explain a pasted error body", () => {
  it("reads a 409 as a version conflict, also when Genesys sends it as a 400", async () => {
    const conflict = await h.run(
      `explain ${body({ status: 409, code: "general.conflict", message: "The campaign version 3 does not match the current version 4.", contextId: "c0ffee00-1111-2222-3333-444455556666" })}`,
    );
    expect(conflict.text).toContain("Genesys said: 409 general.conflict");
    expect(conflict.text).toContain("The campaign changed between the read and the write");
    expect(conflict.text).toContain("GET the campaign again, re-apply, retry");
    const as400 = await h.run(
      `explain ${body({ status: 400, code: "bad.request", message: "Version 3 does not match the campaign's version 5" })}`,
    );
    expect(as400.text).toContain("The campaign changed between the read and the write");
  });

  it("reads a 429 with its Retry-After", async () => {
    const { text } = await h.run(
      `explain ${body({ status: 429, code: "too.many.requests", message: "Rate limit exceeded the maximum. [300] requests for [60] seconds" })} Retry-After: 17`,
    );
    expect(text).toContain(
      "Genesys rate limit reached (300 requests per 60 s per token); it asks to wait 17 s (Retry-After).",
    );
    expect(text).toContain("Wait 17 s and retry.");
  });

  it("reads an expired token and an OAuth invalid_client", async () => {
    const expired = await h.run(
      `explain ${body({ status: 401, code: "credentials.expired", message: "The authentication token has expired." })}`,
    );
    expect(expired.text).toContain("Genesys refused the token (401 credentials.expired): the token expired.");
    const invalid = await h.run(
      `explain ${body({ error: "invalid_client", description: "client not found" })}`,
    );
    expect(invalid.text).toContain("or credentials sent to another region's login host");
    expect(invalid.text).toContain("org test <org> tries every region's login host");
  });

  it("without an org, explains a 403 from the body and says what to run next", async () => {
    const { text } = await h.run(
      `explain ${body({ status: 403, code: "missing.any.permissions", message: "You must have at least one of the following permissions assigned: [outbound:campaign:stop, outbound:campaign:edit]" })}`,
    );
    expect(text).toContain(
      "the token holds none of outbound:campaign:stop or outbound:campaign:edit; any one of them would do",
    );
    expect(text).toContain("why <org> <campaign> <pause|resume|status>");
  });

  it("with an org, explains a 403 from the client's live roles", async () => {
    const missing = body({
      status: 403,
      code: "missing.permissions",
      message:
        "Unable to perform the requested action. You are missing the following permission(s): [outbound:campaignRule:edit]",
    });
    const { text } = await h.run(`explain acme ${missing}`, "sam");
    expect(text).toContain(
      'No role of OAuth client "Switchboard (acme)" (acme-switchboard) includes outbound:campaignRule:edit, in any division.',
    );
    expect(text).toContain('Fix: Add outbound:campaignRule:edit to role "Switchboard Integration".');
    // Live grants are for people of that org only.
    const stranger = await h.run(`explain acme ${missing}`, "nobody");
    expect(stranger.text).not.toContain("Switchboard Integration");
    expect(stranger.text).toContain("the token lacks outbound:campaignRule:edit in the target's division");
  });

  it("with an org, says when the linked credentials work now", async () => {
    const { text } = await h.run(
      `explain acme ${body({ error: "invalid_client", description: "client not found" })}`,
      "sam",
    );
    expect(text).toContain("acme's linked credentials work now: a fresh token belongs to Acme Corp.");
  });

  it("refuses text with nothing to explain", async () => {
    const { reply, text } = await h.run("explain the weather today");
    expect(reply.ok).toBe(false);
    expect(text).toContain("There is no Genesys error, contextId or known claim in that text.");
  });
});

describe("explain recognises forum myths", () => {
  const cases: [string, string][] = [
    ["use grant_type=password with scope outbound:call:write", "no resource-owner password grant"],
    ["POST /api/v2/outbound/calls to start a call", "There is no /api/v2/outbound/calls endpoint"],
    ["set an Organization-Id header per tenant", "There is no Organization-Id header"],
    ["add scopes to the client_credentials token", "Scopes apply only to code, PKCE and implicit clients"],
    ['enable "Personal Connection" for the campaign', "a NICE CXone dialer term"],
    ["client_credentials with user_id to impersonate the agent", "cannot impersonate one"],
    ['in manifest.json set "tenant": "multi"', 'There is no "tenant: multi" setting'],
  ];
  for (const [claim, truth] of cases) {
    it(`corrects: ${claim}`, async () => {
      const { reply, text } = await h.run(`explain ${claim}`);
      expect(reply.ok).toBe(true);
      expect(text).toContain("Not so:");
      expect(text).toContain(truth);
    });
  }

  it("corrects the myth behind an OAuth error as well as the error", async () => {
    const { text } = await h.run(
      `explain ${body({ error: "unsupported_grant_type", description: "Unsupported grant type: password" })} (we used grant_type=password)`,
    );
    expect(text).toContain("Genesys has no resource-owner password grant");
    expect(text).toContain('Not so: "{"error":"unsupported_grant_type"');
  });
});

describe("explain answers a whole forum paste", () => {
  it("answers every wrong claim in one paste, each quoting the paste", async () => {
    const paste = [
      "Hi all, we get a 403 when we pause campaigns from our integration.",
      "Our scopes include outbound:campaign:read and outbound:campaign:write.",
      "We use one OAuth client for all three orgs, and the SDK keeps a context per org that we switch before each call.",
      'To pause we POST /api/v2/outbound/campaigns with {"campaignStatus": "off"}.',
      "The token comes from https://api.mypurecloud.com/oauth/token with grant_type=password.",
      "Someone suggested an Organization-Id header, or Personal Connection.",
    ].join(" ");
    const { reply, text } = await h.run(`explain ${paste}`);
    expect(reply.ok).toBe(true);
    expect(text).toContain("8 claims in that text are wrong:");
    for (const truth of [
      "Scopes apply only to code, PKCE and implicit clients",
      "An OAuth client and its tokens belong to exactly one Genesys Cloud org",
      "POST /api/v2/outbound/campaigns creates a new campaign",
      "The token endpoint is on the login host",
      "there is no org context to switch",
      "no resource-owner password grant",
      "There is no Organization-Id header",
      "a NICE CXone dialer term",
    ])
      expect(text).toContain(truth);
    expect(text).toContain(
      'Not so: "Our scopes include outbound:campaign:read and outbound:campaign:write."',
    );
    // The 403 named in prose gets the recipe, with no invented permission names.
    expect(text).toContain("That text reports a 403 Forbidden.");
    expect(text).toContain("the OAuth client's roles do not hold the permission that call needs");
    expect(text).not.toContain("lacks all of outbound:campaign:read");
  });

  it("gives a 403 body without code or contextId the 403 recipe", async () => {
    const { reply, text } = await h.run(
      `explain ${body({ errors: ["You do not have permission to perform this action."], message: "Forbidden" })}`,
    );
    expect(reply.ok).toBe(true);
    expect(text).not.toContain("There is no Genesys error");
    expect(text).toContain("The error: 403 — Forbidden");
    expect(text).toContain("roles do not hold the permission that call needs in the target's division");
    expect(text).toContain("why <org> <campaign> <pause|resume|status>");
    expect(text).toContain("That body has no code, status, contextId");
  });

  it("names another platform's error for what it is", async () => {
    const { text } = await h.run(`explain ${body({ message: "Forbidden", code: "unauthorized" })}`);
    expect(text).toContain("explain: not a Genesys Cloud error");
    expect(text).toContain(
      'This is not a Genesys Cloud error body: "code": "unauthorized" is not a code Genesys Cloud uses, and the body has no status and no contextId.',
    );
    expect(text).toContain('A Genesys Cloud error looks like {"message"');
    expect(text).not.toContain("Fix: Check the message");
  });

  it("reads a body among prose with {id} in paths, and a paste longer than a command line", async () => {
    const prose = "We call POST /api/v2/outbound/campaigns/{id}/stop and it fails. ".repeat(40);
    const { reply, text } = await h.run(
      `explain ${prose} ${body({ status: 403, code: "missing.permissions", message: "Missing [outbound:campaign:stop]" })} --verbose "unclosed`,
    );
    expect(reply.ok).toBe(true);
    expect(text).toContain("Genesys said: 403 missing.permissions");
    expect(text).toContain("outbound:campaign:stop");
  });
});
