/**
 * `/campaign org link` from Slack: a modal for admins, so the client secret is typed into a form and
 * never into a message; checked with Genesys and linked by the same function as the CLI. The secret
 * must not appear in anything the app sends or logs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../support/slack-fake.js";
import { ann, root, type SlackHarness, type SlackUser, startSlackHarness } from "../support/slack-harness.js";
import type { SlackHttpResponse } from "../support/slack-sign.js";

const SECRET = "Form-Typed-S3cret-7731";

let s: SlackHarness;
/** Every HTTP answer the app gave Slack in this file. */
const answers: SlackHttpResponse[] = [];
beforeAll(async () => {
  s = await startSlackHarness();
});
afterAll(async () => {
  await s?.close();
});

async function openForm(as: SlackUser, text = "org link eu") {
  const sent = await s.command(text, as);
  answers.push(sent);
  return sent;
}

function submit(values: { slug: string; region: string; clientId: string; secret: string }, viewId: string) {
  return s
    .submitView(
      {
        id: viewId,
        callbackId: "org_link",
        privateMetadata: JSON.stringify({ channel: "C1" }),
        values: {
          slug: { value: { type: "plain_text_input", value: values.slug } },
          region: { value: { type: "static_select", selected_option: { value: values.region } } },
          client_id: { value: { type: "plain_text_input", value: values.clientId } },
          client_secret: { value: { type: "plain_text_input", value: values.secret } },
        },
      },
      root,
    )
    .then((r) => {
      answers.push(r);
      return r;
    });
}

describe("org link from Slack", () => {
  it("opens a form for an admin, with the slug filled in and every region to choose from", async () => {
    const sent = await openForm(root);
    expect(sent.status).toBe(200);
    expect(sent.text).toBe("");
    const opened = await s.fake.waitForApi("views.open", (c) => c.body.trigger_id === sent.triggerId);
    const view = opened.body.view as {
      callback_id: string;
      blocks: { block_id?: string; element?: Record<string, unknown> }[];
    };
    expect(view.callback_id).toBe("org_link");
    const byId = Object.fromEntries(view.blocks.map((b) => [b.block_id, b.element]));
    expect(byId.slug).toMatchObject({ type: "plain_text_input", initial_value: "eu" });
    expect(byId.client_secret).toMatchObject({ type: "plain_text_input" });
    const options = (byId.region as { options: { value: string }[] }).options.map((o) => o.value);
    expect(options).toContain("us_east_1");
    expect(options).toContain("eu_west_1");
  });

  it("shows field errors inside Slack's deadline without contacting Genesys", async () => {
    const r = await submit(
      { slug: "Not A Slug", region: "mars", clientId: "form-client", secret: SECRET },
      "V-bad",
    );
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      response_action: "errors",
      errors: {
        slug: expect.stringContaining("Lowercase"),
        region: expect.stringContaining("Not a Genesys Cloud region"),
      },
    });
    expect(await s.h.app.services.orgs.get("not a slug")).toBeNull();
  });

  it("says Genesys refused wrong credentials and links nothing", async () => {
    const r = await submit(
      { slug: "wrong", region: "us_east_1", clientId: "form-client", secret: "not-it" },
      "V-wrong",
    );
    expect(r.json).toMatchObject({ response_action: "update" });
    const result = await s.fake.waitForApi("views.update", (c) => c.body.view_id === "V-wrong");
    expect(textOf(result)).toContain("Genesys refused the credentials in us_east_1");
    expect(textOf(result)).toContain("Nothing was linked.");
    expect(await s.h.app.services.orgs.get("wrong")).toBeNull();
  });

  it("checks the credentials with Genesys and links the org, showing the result in the form", async () => {
    const r = await submit(
      { slug: "eu", region: "us_east_1", clientId: "form-client", secret: SECRET },
      "V-ok",
    );
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ response_action: "update" });
    expect(r.text).toContain("Checking the credentials for eu with Genesys");
    const result = await s.fake.waitForApi("views.update", (c) => c.body.view_id === "V-ok");
    await s.settled();
    expect(textOf(result)).toContain("Linked eu → North Dialing");
    const org = await s.h.app.services.orgs.get("eu");
    expect(org).toMatchObject({ clientId: "form-client", region: "us_east_1", health: "ok" });
    expect(await s.h.app.services.orgs.credentials("eu")).toEqual({
      clientId: "form-client",
      clientSecret: SECRET,
    });
    const [row] = await s.h.app.services.audit.list({ orgSlug: "eu", limit: 1 });
    expect(row).toMatchObject({
      action: "org link",
      outcome: "success",
      actor: "slack:T1:UROOT",
      platform: "slack",
    });
  });

  it("refuses a non-admin in the ack, opening nothing", async () => {
    const opened = s.fake.api("views.open").length;
    const sent = await openForm(ann, "org link");
    expect(sent.status).toBe(200);
    expect(sent.json).toMatchObject({ response_type: "ephemeral" });
    expect(sent.text).toContain("Only Switchboard admins can link orgs.");
    await s.settled();
    expect(s.fake.api("views.open")).toHaveLength(opened);
  });

  it("never echoed the secret: not to Slack, not in an answer, not in a log or the audit log", async () => {
    await s.settled();
    expect(s.fake.calls.length).toBeGreaterThan(0);
    for (const call of s.fake.calls) expect(call.raw).not.toContain(SECRET);
    for (const answer of answers) expect(answer.text).not.toContain(SECRET);
    expect(s.logs.join("\n")).not.toContain(SECRET);
    const audit = await s.h.app.services.audit.list({ limit: 100 });
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });
});
