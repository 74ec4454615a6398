import type { CommandContext } from "../command.js";
import type { Platform } from "../invocation.js";
import type { ChatIdentity } from "../ports.js";

const PLATFORMS: readonly Platform[] = ["shell", "slack", "teams"];

/** Whose work it is and where it was asked for, as stored with a job or a scheduled action. */
export interface Requested {
  requester: ChatIdentity;
  requesterName: string;
  platform: string;
  channel: string;
}

/**
 * The context a job's items (or a scheduled action) run in: the requester's identity and channel go
 * on every audit row, whoever confirmed, approved or continued it, and per-campaign progress (the
 * wait for `off`) is dropped, since the job reports its own.
 */
export function asRequester(ctx: CommandContext, requested: Requested): CommandContext {
  return {
    ...ctx,
    invocation: {
      text: ctx.invocation.text,
      actor: { id: requested.requester, displayName: requested.requesterName },
      channel: { id: requested.channel },
      platform: asPlatform(requested.platform),
    },
    progress: async () => {},
  };
}

/** A stored platform name; only the store writes it, from an Invocation, so unknown means shell. */
export function asPlatform(name: string): Platform {
  return PLATFORMS.find((p) => p === name) ?? "shell";
}
