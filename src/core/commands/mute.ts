/**
 * `mute <org> <campaign> [DURATION]`: no new alert messages for that campaign in this channel for a
 * while (the alert's Mute button runs it with 1h). Only what this channel watches can be muted; the
 * mute is stored (every replica honours it) and audited.
 */
import type { CommandDefinition } from "../dispatch/command.js";
import { AppError } from "../kernel/errors.js";
import { reply } from "../kernel/reply.js";
import { PERMISSION_CATALOGUE } from "../permissions/catalogue.js";

const MAX_MS = 7 * 24 * 3_600_000;

/** `30m`, `1h`, `2d` → milliseconds; null when it is not a duration. */
function parseMuteDuration(text: string): number | null {
  const m = /^(\d{1,4})\s*(m|min|h|d)$/i.exec(text.trim());
  if (!m?.[1] || !m[2]) return null;
  const unit = m[2].toLowerCase();
  return Number(m[1]) * (unit === "d" ? 86_400_000 : unit === "h" ? 3_600_000 : 60_000);
}

export const muteCommand: CommandDefinition = {
  name: "mute",
  access: PERMISSION_CATALOGUE.mute,
  summary: "Silence a watched campaign's alerts in this channel for a while (default 1h)",
  args: [
    { name: "org", kind: "org" },
    { name: "campaign", kind: "campaign" },
    { name: "duration", optional: true },
  ],
  examples: ['mute acme "Spring Promo"', 'mute acme "Spring Promo" 4h'],
  async run({ invocation, services, args }) {
    const [slug = "", ref = "", duration = "1h"] = args.positionals;
    const ms = parseMuteDuration(duration);
    if (ms === null || ms <= 0 || ms > MAX_MS) {
      throw new AppError("usage", `How long? For example 30m, 1h or 2d (at most 7d), not "${duration}".`);
    }
    const here = { platform: invocation.platform, channel: invocation.channel.id };
    const org = slug.toLowerCase();
    const watched = (await services.watches.list({ orgSlug: org, ...here })).find(
      (w) =>
        w.campaignId.toLowerCase() === ref.toLowerCase() ||
        w.campaignName.toLowerCase() === ref.toLowerCase(),
    );
    if (!watched) {
      return reply({
        tone: "warning",
        blocks: [
          {
            type: "text",
            text: `This channel does not watch "${ref}" in ${org || "that org"}. See: watches`,
          },
        ],
      });
    }
    const until = new Date(services.clock.now().getTime() + ms);
    await services.alerts.mute({
      orgSlug: watched.orgSlug,
      campaignId: watched.campaignId,
      ...here,
      until,
      createdBy: invocation.actor.id,
    });
    await services.audit.append({
      actor: invocation.actor.id,
      ...here,
      orgSlug: watched.orgSlug,
      action: "mute",
      target: watched.campaignId,
      targetName: watched.campaignName,
      outcome: "success",
      detail: { until: until.toISOString() },
    });
    return reply({
      tone: "success",
      visibility: "channel",
      blocks: [
        {
          type: "text",
          tone: "success",
          text: `Alerts for "${watched.campaignName}" in ${watched.orgSlug} are muted here until ${until.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
        },
      ],
    });
  },
};
