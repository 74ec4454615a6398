/** The neutral Reply as an Adaptive Card: readable in Teams, literal text, and inside Teams' size limit. */
import { describe, expect, it } from "vitest";
import { renderCard, summaryOf } from "../../src/adapters/teams/adaptive-card.js";
import { approvalCard } from "../../src/adapters/teams/approval-cards.js";
import { errorReply, reply } from "../../src/core/kernel/reply.js";

const json = (v: unknown) => JSON.stringify(v);

describe("Adaptive Card rendering", () => {
  it("is a 1.5 card, full width, with the title in the reply's tone colour", () => {
    const card = renderCard(reply({ tone: "success", title: "Paused Spring", blocks: [] }));
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5", msteams: { width: "Full" } });
    expect(card.body[0]).toEqual({
      type: "TextBlock",
      text: "✅ Paused Spring",
      size: "Medium",
      weight: "Bolder",
      wrap: true,
      color: "Good",
    });
  });

  it("shows fields as a FactSet, statuses with their symbol", () => {
    const card = renderCard(
      reply({
        blocks: [
          {
            type: "fields",
            fields: [
              { label: "Status", value: "stopping", kind: "status" },
              { label: "Division", value: "Sales" },
            ],
          },
        ],
      }),
    );
    expect(card.body).toEqual([
      {
        type: "FactSet",
        facts: [
          { title: "Status", value: "⏳ stopping" },
          { title: "Division", value: "Sales" },
        ],
      },
    ]);
  });

  it("lays a table out as aligned rows, status cells coloured good / warning / attention", () => {
    const card = renderCard(
      reply({
        blocks: [
          {
            type: "table",
            columns: [{ header: "Campaign" }, { header: "Status", kind: "status" }],
            rows: [
              ["Spring", "on"],
              ["Summer", "stopping"],
              ["Autumn", "invalid"],
            ],
          },
        ],
      }),
    );
    const [header, ...rows] = card.body;
    expect(header).toMatchObject({ type: "ColumnSet", separator: true });
    const colours = rows.map((r) => (r.columns as { items: { color?: string }[] }[])[1]?.items[0]?.color);
    expect(colours).toEqual(["Good", "Warning", "Attention"]);
    expect(json(rows[0])).toContain('"text":"Spring","wrap":true,"weight":"Bolder"');
  });

  it("cuts a long table with a note to narrow it, and keeps the card under Teams' size limit", () => {
    const rows = Array.from({ length: 400 }, (_, i) => [
      `Campaign number ${i} with a long name`,
      "off",
      "Sales",
    ]);
    const card = renderCard(
      reply({
        blocks: [
          {
            type: "table",
            columns: [{ header: "Campaign" }, { header: "Status", kind: "status" }, { header: "Division" }],
            rows,
            footer: "Narrow the list: list acme <filter>",
          },
        ],
      }),
    );
    const text = json(card);
    expect(text.length).toBeLessThanOrEqual(24_000);
    expect(text).toContain("Campaign number 0 ");
    expect(text).not.toContain("Campaign number 399");
    expect(text).toContain("did not fit in one Teams card");
    expect(text).not.toMatch(/Showing \d+ of 400/);
    expect(text).toContain("Narrow the list: list acme <filter>");
  });

  it("shows an error with its fix: the message in attention colour, the command in monospace", () => {
    const card = renderCard(
      errorReply("No campaign matches sprng.", { hint: "Did you mean:", command: "status acme Spring" }),
    );
    expect(card.body).toEqual([
      { type: "TextBlock", text: "❌ No campaign matches sprng.", wrap: true, color: "Attention" },
      { type: "TextBlock", text: "💡 Did you mean:", wrap: true, isSubtle: true },
      { type: "TextBlock", text: "status acme Spring", wrap: true, fontType: "Monospace", spacing: "None" },
    ]);
  });

  it("collapses details behind a More toggle", () => {
    const card = renderCard(
      reply({
        blocks: [{ type: "details", summary: "grants", blocks: [{ type: "text", text: "Sales: view" }] }],
      }),
    );
    expect(card.body).toEqual([
      {
        type: "ActionSet",
        actions: [{ type: "Action.ToggleVisibility", title: "More: grants", targetElements: ["details-1"] }],
      },
      {
        type: "Container",
        id: "details-1",
        isVisible: false,
        items: [{ type: "TextBlock", text: "Sales: view", wrap: true }],
      },
    ]);
  });

  it("keeps text literal without backslashes: markers become look-alikes, lists and links are defused", () => {
    const card = renderCard(
      reply({
        blocks: [
          { type: "text", text: "Spring_Promo_2024 *final* _x_ `y` [a](b) a*b*c\n- not a list\n1. nor this" },
        ],
      }),
    );
    const text = String(card.body[0]?.text);
    expect(text).not.toContain("\\");
    expect(text).toBe(
      "Spring_Promo_2024 ∗final∗ ˍxˍ ˋyˋ [a]\u200B(b) a∗b∗c\n-\u00A0not a list\n1.\u00A0nor this",
    );
  });

  it("maps look-alikes copied from a card back when typed", async () => {
    const { restoreLookAlikes } = await import("../../src/adapters/teams/card-text.js");
    expect(restoreLookAlikes('status acme "∗Q4∗ ˍxˍ ˋyˋ"')).toBe('status acme "*Q4* _x_ `y`"');
  });

  it("shows people by name instead of teams:<tenant>:<aad> ids, shortened when unknown", async () => {
    const { teamsPeople } = await import("../../src/adapters/teams/people.js");
    const known = "teams:11111111-2222-3333-4444-555555555555:aaaaaaaa-0000-4000-8000-000000000001";
    const unknown = "teams:11111111-2222-3333-4444-555555555555:bbbbbbbb-0000-4000-8000-00000000beef";
    teamsPeople.remember(known, "Ann Example", "29:ann");
    const card = renderCard(
      reply({
        title: `You are Ann Example (${known})`,
        blocks: [
          {
            type: "table",
            columns: [{ header: "Who" }, { header: "What" }],
            rows: [
              [known, "pause"],
              [unknown, "resume"],
            ],
          },
        ],
      }),
    );
    const text = json(card);
    expect(text).toContain("Ann Example");
    expect(text).toContain("Teams user …beef");
    expect(text).toContain(`(${known})`);
    expect(text.split(known)).toHaveLength(2);
  });

  it("gives columns widths from their content, not the first column triple", () => {
    const card = renderCard(
      reply({
        blocks: [
          {
            type: "table",
            columns: [{ header: "Org" }, { header: "Campaign" }, { header: "Status", kind: "status" }],
            rows: [
              ["acme", "Spring Promo Retargeting Extended", "on"],
              ["globex", "Renewals", "off"],
            ],
          },
        ],
      }),
    );
    const wide = card.body[0] as unknown as {
      targetWidth: string;
      items: { columns: { width: number }[] }[];
    };
    expect(wide.targetWidth).toBe("atLeast:Standard");
    const [org, campaign, status] = (wide.items[0]?.columns ?? []).map((c) => c.width);
    expect(campaign).toBeGreaterThan(org ?? 0);
    expect(campaign).toBeGreaterThan(status ?? 0);
  });

  it("stacks each row at phone width so words wrap between, never inside, them", () => {
    const card = renderCard(
      reply({
        blocks: [
          {
            type: "table",
            columns: [
              { header: "Campaign" },
              { header: "Status", kind: "status" },
              { header: "Mode" },
              { header: "Division" },
            ],
            rows: [["Spring Promo Retargeting", "on", "predictive", "Collections"]],
          },
        ],
      }),
    );
    const narrow = card.body[1] as unknown as { targetWidth: string; items: { items: { text: string }[] }[] };
    expect(narrow.targetWidth).toBe("atMost:Narrow");
    expect(narrow.items[0]?.items.map((i) => i.text)).toEqual([
      "Spring Promo Retargeting",
      "🟢 on · predictive · Collections",
    ]);
  });

  it("says More once, makes Fix lines bold, and shows UTC times in the reader's zone", () => {
    const card = renderCard(
      reply({
        blocks: [
          { type: "details", summary: "More: grants and token", blocks: [] },
          { type: "text", text: 'Fix: Grant role "Switchboard Integration" in division Collections.' },
          { type: "text", text: "Expires 2026-12-04 17:40 UTC." },
        ],
      }),
    );
    const text = json(card);
    expect(text).toContain('"title":"More: grants and token"');
    expect(card.body[2]).toMatchObject({ weight: "Bolder", color: "Accent" });
    expect(card.body[3]?.text).toBe(
      "Expires {{DATE(2026-12-04T17:40:00Z, SHORT)}} {{TIME(2026-12-04T17:40:00Z)}}.",
    );
  });

  it("sums a reply up in one line for notifications", () => {
    expect(
      summaryOf(reply({ title: "north: 3 campaigns", blocks: [{ type: "text", text: "all off" }] })),
    ).toBe("north: 3 campaigns — all off");
  });

  it("turns an approval request's buttons into Action.Execute for that request, with a reason box and a refresh", () => {
    const card = approvalCard(
      reply({
        blocks: [
          {
            type: "actions",
            actions: [
              { id: "approve", label: "Approve", style: "primary", value: "approve K7Q2MX" },
              { id: "deny", label: "Deny", style: "danger", value: "deny K7Q2MX" },
            ],
          },
        ],
      }),
      "K7Q2MX",
    );
    expect(card.body).toEqual([
      expect.objectContaining({ type: "Input.Text", id: "reason", isMultiline: true, maxLength: 500 }),
      {
        type: "ActionSet",
        actions: [
          {
            type: "Action.Execute",
            title: "Approve",
            verb: "approve",
            data: { requestId: "K7Q2MX" },
            style: "positive",
          },
          {
            type: "Action.Execute",
            title: "Deny",
            verb: "deny",
            data: { requestId: "K7Q2MX" },
            style: "destructive",
          },
        ],
      },
    ]);
    expect(card.refresh).toMatchObject({
      action: { type: "Action.Execute", verb: "refresh", data: { requestId: "K7Q2MX" } },
    });
  });
});
