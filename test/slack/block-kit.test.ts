/** The neutral Reply as Block Kit: readable in Slack, and always inside Slack's limits. */
import { describe, expect, it } from "vitest";
import { renderReply } from "../../src/adapters/slack/block-kit.js";
import { errorReply, reply } from "../../src/core/reply.js";

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
    expect(text).toContain("Showing 40 of 120. Narrow it");
    expect(text).toContain("Narrow the list: list acme &lt;filter&gt;");
  });

  it("states an error with its fix", () => {
    const { blocks, text } = renderReply(
      errorReply('No campaign matches "sprng".', { hint: "Did you mean:", command: 'status acme "Spring"' }),
    );
    expect(blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: ':x: No campaign matches "sprng".' } },
      { type: "section", text: { type: "mrkdwn", text: ':bulb: Did you mean: `status acme "Spring"`' } },
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
});
