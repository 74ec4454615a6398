import type { Invocation, Platform } from "./invocation.js";
import type { ChatIdentity } from "./model.js";
import type { Reply } from "./reply.js";

const PLATFORMS: readonly Platform[] = ["shell", "slack", "teams"];

/**
 * Who is asking and where: what a use case needs of the caller (audit rows, the permission gate,
 * approvals), whether the caller typed a command, confirmed a bulk job, approved a request or
 * scheduled a resume. Stored as is with a job or a scheduled action.
 */
export interface Requested {
  requester: ChatIdentity;
  requesterName: string;
  platform: string;
  channel: string;
}

/** Interim update for long work (the shell prints it; Slack/Teams update one message). */
export type Progress = (update: Reply) => Promise<void>;

/** For work nobody is watching step by step (a job reports its own progress). */
export const noProgress: Progress = async () => {};

/** The person behind a chat command. */
export function requestedBy(invocation: Invocation): Requested {
  return {
    requester: invocation.actor.id,
    requesterName: invocation.actor.displayName,
    platform: invocation.platform,
    channel: invocation.channel.id,
  };
}

/** A stored platform name; only the store writes it, from an Invocation, so unknown means shell. */
export function asPlatform(name: string): Platform {
  return PLATFORMS.find((p) => p === name) ?? "shell";
}
