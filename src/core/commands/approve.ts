import { decide } from "../approvals/decide.js";
import type { CommandDefinition } from "../dispatch/command.js";
import { requestedBy } from "../kernel/requested.js";
import { PERMISSION_CATALOGUE } from "../permissions/catalogue.js";

export const approveCommand: CommandDefinition = {
  name: "approve",
  access: PERMISSION_CATALOGUE.approve,
  summary: "Approve a pending request (the Approve button does the same)",
  args: [{ name: "request-id" }],
  examples: ["approve K7Q2MX"],
  run: (ctx) =>
    decide(
      ctx.services,
      requestedBy(ctx.invocation),
      { id: ctx.args.positionals[0] ?? "", verdict: "approve" },
      ctx.progress,
    ),
};

export const denyCommand: CommandDefinition = {
  name: "deny",
  access: PERMISSION_CATALOGUE.deny,
  summary: "Deny a pending request, or withdraw your own",
  args: [{ name: "request-id" }, { name: "reason", optional: true, variadic: true }],
  examples: ["deny K7Q2MX list not fixed yet"],
  run: (ctx) => {
    const [id = "", ...words] = ctx.args.positionals;
    const reason = words.join(" ").trim();
    return decide(
      ctx.services,
      requestedBy(ctx.invocation),
      { id, verdict: "deny", reason: reason || undefined },
      ctx.progress,
    );
  },
};
