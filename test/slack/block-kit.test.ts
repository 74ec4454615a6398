/** The neutral Reply as Block Kit: readable in Slack, and always inside Slack's limits. */
import { describe, expect, it } from "vitest";
import { renderReply } from "../../src/adapters/slack/block-kit.js";
import { errorReply, reply } from "../../src/core/kernel/reply.js";

const json = (v: unknown) => JSON.stringify(v);

describe("Block Kit rendering", () => {
  it("shows statuses with emoji and the first column bold, one line per row", () => {
    const { blocks } = renderReply(
      reply({
        blocks: [
          {
            type: "table",
            columns: [{ header: "Campaign" }, { header: "Status", kind: "status" }],
            rows: [
              ["Spring", "on"],
              ["Summer", "stopping"],
              ["Autumn", "off"],
              ["Winter", "complete"],
            ],
          },
        ],
      }),
    );
    expect(blocks[1]).toEqual({
      type: "section",
      text: {
        type: "mrkdwn",
        text: [
          "*Spring*  ·  :large_green_circle: on",
          "*Summer*  ·  :hourglass_flowing_sand: stopping",
          "*Autumn*  ·  :black_circle: off",
          "*Winter*  ·  :checkered_flag: complete",
        ].join("\n"),
      },
    });
  });

  it("cuts a long table with a note to narrow it, and keeps the reply's own footer", () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`Campaign ${i}`, "off"]);
    const { blocks } = renderReply(
      reply({
        blocks: [
          {
            type: "table",
            columns: [{ header: "Campaign" }, { header: "Status", kind: "status" }],
            rows,
            footer: "…and more. Narrow the list: list acme <filter>",
          },
        ],
      }),
    );
    const text = json(blocks);
    expect(text).toContain("Campaign 39");
    expect(text).not.toContain("Campaign 40*");
    expect(text).toContain("Showing 40 of 120 rows.");
    expect(text).toContain("Narrow the list: list acme &lt;filter&gt;");
  });

  it("states an error with its fix", () => {
    const { blocks, text } = renderReply(
      errorReply('No campaign matches "sprng".', { hint: "Did you mean:", command: 'status acme "Spring"' }),
    );
    expect(blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: ':x: No campaign matches "sprng".' } },
      {
        type: "section",
        text: { type: "mrkdwn", text: ':bulb: Did you mean: `/campaign status acme "Spring"`' },
      },
    ]);
    expect(text).toContain("No campaign matches");
  });

  it("escapes Slack's control characters and turns Slack identities into mentions", () => {
    const { blocks } = renderReply(
      reply({ blocks: [{ type: "text", text: "<!channel> & slack:T1:U42 said so" }] }),
    );
    expect(json(blocks)).toContain("&lt;!channel&gt; &amp; <@U42> said so");
  });

  it("makes buttons whose value is the request id, and details small and grey", () => {
    const { blocks } = renderReply(
      reply({
        blocks: [
          {
            type: "actions",
            actions: [
              { id: "approve", label: "Approve", style: "primary", value: "approve K7Q2MX" },
              { id: "deny", label: "Deny", style: "danger", value: "deny K7Q2MX" },
            ],
          },
          { type: "details", summary: "Why", blocks: [{ type: "text", text: "Because." }] },
        ],
      }),
    );
    expect(blocks[0]).toEqual({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: "approve",
          text: { type: "plain_text", text: "Approve" },
          value: "K7Q2MX",
          style: "primary",
        },
        {
          type: "button",
          action_id: "deny",
          text: { type: "plain_text", text: "Deny" },
          value: "K7Q2MX",
          style: "danger",
        },
      ],
    });
    expect(blocks[1]).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "*Why*\nBecause." }] });
  });

  it("stays within 50 blocks and 3000 characters a section, saying what it left out", () => {
    const many = Array.from({ length: 80 }, (_, i) => ({
      type: "text" as const,
      text: `${i} ${"x".repeat(4000)}`,
    }));
    const { blocks } = renderReply(reply({ blocks: many }));
    expect(blocks).toHaveLength(50);
    for (const b of blocks) expect(json(b).length).toBeLessThan(3200);
    expect(json(blocks.at(-1))).toContain("more parts not shown. Narrow it");
  });

  it("shows names with *, _, ~ and backticks as typed instead of bold, italic, struck or code", () => {
    const { blocks } = renderReply(
      reply({
        title: "*Q4* Upsell",
        blocks: [
          { type: "text", text: 'Paused _Spring_ ~Promo~ `x` "a*b" grant_type' },
          { type: "table", columns: [{ header: "Campaign" }], rows: [["*Bold* Name"]] },
          { type: "hint", text: "Try:", command: 'status acme "*Q4* `Upsell`"' },
        ],
      }),
    );
    const text = json(blocks);
    expect(text).toContain("*∗Q4∗ Upsell*");
    expect(text).toContain('Paused ˍSpringˍ ∼Promo∼ ˋxˋ \\"a*b\\" grant_type');
    expect(text).toContain("*∗Bold∗ Name*");
    // Inside code nothing formats, so only the backticks change.
    expect(text).toContain('`/campaign status acme \\"*Q4* ˋUpsellˋ\\"`');
  });

  it("maps the look-alikes back when a copied name is typed into a command", async () => {
    const { slackInvocation } = await import("../../src/adapters/slack/invocation.js");
    const inv = slackInvocation('status acme "∗Q4∗ ˍxˍ ∼y∼ ˋzˋ"', {
      teamId: "T1",
      userId: "U1",
      channelId: "C1",
    });
    expect(inv.text).toBe('status acme "*Q4* _x_ ~y~ `z`"');
    expect(inv.actor.displayName).toBe("slack:T1:U1");
  });

  it("shows requesters and approvers as mentions, which Slack turns into names and pings", () => {
    const { blocks } = renderReply(
      reply({
        blocks: [{ type: "text", text: "slack:T1:UBEN approved K7Q2MX (requested by slack:T1:UANN)" }],
      }),
    );
    expect(json(blocks)).toContain("<@UBEN> approved K7Q2MX (requested by <@UANN>)");
  });

  it("shows times in each reader's own time zone, with the UTC text as the fallback", () => {
    const { blocks } = renderReply(
      reply({
        blocks: [{ type: "text", text: "Due 2026-12-04 17:40 UTC; expires 2026-12-04T09:05:00.000Z." }],
      }),
    );
    const at = Date.UTC(2026, 11, 4, 17, 40) / 1000;
    const text = json(blocks);
    expect(text).toContain(`<!date^${at}^{date_short_pretty} {time}|2026-12-04 17:40 UTC>`);
    expect(text).toContain(
      `<!date^${Date.UTC(2026, 11, 4, 9, 5) / 1000}^{date_short_pretty} {time}|2026-12-04T09:05:00.000Z>`,
    );
  });

  it("reads a bare time of day as the one nearest now", async () => {
    const { localTimes } = await import("../../src/adapters/slack/mrkdwn.js");
    const now = new Date(Date.UTC(2026, 11, 4, 23, 50));
    expect(localTimes("expires 00:05 UTC", now)).toBe(
      `expires <!date^${Date.UTC(2026, 11, 5, 0, 5) / 1000}^{time}|00:05 UTC>`,
    );
  });

  it("keeps every section well under Slack's See more fold, splitting long text and tables", () => {
    const long = Array.from({ length: 60 }, (_, i) => `line ${i} ${"word ".repeat(12)}`).join("\n");
    const oneLine = "word ".repeat(900);
    const rows = Array.from({ length: 40 }, (_, i) => [
      `Campaign ${i} ${"long name ".repeat(5)}`,
      "on",
      "Sales",
    ]);
    const { blocks } = renderReply(
      reply({
        blocks: [
          { type: "text", text: long },
          { type: "text", text: oneLine },
          {
            type: "table",
            columns: [{ header: "Campaign" }, { header: "Status", kind: "status" }, { header: "Division" }],
            rows,
          },
        ],
      }),
    );
    const sections = blocks.filter((b) => b.type === "section");
    expect(sections.length).toBeGreaterThan(6);
    for (const b of sections) expect(JSON.stringify(b).length).toBeLessThan(1400);
    const text = json(blocks);
    expect(text).toContain("line 59");
    expect(text).toContain("Campaign 39");
  });
});
