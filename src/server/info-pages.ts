/**
 * `/`, `/privacy` and `/terms`: the small pages the Teams app package links to (its developer
 * website, privacy statement and terms of use must be reachable URLs). They say plainly what this
 * deployment stores; an operator who needs their own wording puts other URLs in
 * teams/manifest.template.json.
 */
import type { Route } from "./route-table.js";

const PAGES: Record<string, { title: string; paragraphs: string[] }> = {
  "/": {
    title: "Switchboard",
    paragraphs: [
      "Switchboard pauses and resumes Genesys Cloud outbound campaigns from Slack, Microsoft Teams and a local shell, after checking the caller's Genesys permission in the campaign's division.",
      "This server answers the chat platforms; there is nothing to use here in a browser. See also the privacy statement (/privacy) and the terms of use (/terms).",
    ],
  },
  "/privacy": {
    title: "Switchboard: privacy",
    paragraphs: [
      "Switchboard stores, in its operator's database: each chat user's platform identity (and, where shown, display name) with the Genesys user or role it is mapped to; approval requests; and an audit log of every command (who, where, which org and campaign, the reason given, the outcome, the Genesys correlation id).",
      "It stores each linked Genesys org's OAuth client secret encrypted, never shows it, and never writes secrets or tokens to messages or logs. It sends nothing to anyone but the chat platform that asked and the Genesys Cloud org concerned.",
      "Questions about this deployment's data go to the organisation that runs it.",
    ],
  },
  "/terms": {
    title: "Switchboard: terms of use",
    paragraphs: [
      "Switchboard acts in Genesys Cloud with the permissions of each org's OAuth client, only for people whose own Genesys permissions allow the action; changes may need another person's approval, and every action is recorded.",
      "Use is governed by the policies of the organisation that runs this deployment. It is provided as is, without warranty.",
    ],
  },
};

export function infoPageRoutes(): Route[] {
  return Object.entries(PAGES).map(([path, page]) => ({
    path,
    methods: ["GET", "HEAD"],
    handler: (req, res) => {
      const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${page.title}</title></head><body><h1>${page.title}</h1>${page.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("")}</body></html>`;
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "public, max-age=3600",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    },
  }));
}

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
