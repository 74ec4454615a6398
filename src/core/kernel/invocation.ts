import type { ChatIdentity } from "./model.js";

export type Platform = "shell" | "slack" | "teams";

/** Who is asking. `id` is the platform-qualified chat identity (`slack:T1:U2`, `shell:sam`). */
interface Actor {
  id: ChatIdentity;
  displayName: string;
}

interface Channel {
  id: string;
  name?: string;
}

/** The caller's email as their chat platform vouches for it, or why it cannot say. */
export type VerifiedEmail = { email: string } | { email: null; why: string };

/**
 * The port automap asks (org automap on): each chat adapter implements it for the request at hand
 * (Slack's users.info, the Teams roster); the shell has none, as nothing vouches for a shell user.
 */
export interface VerifiedEmailLookup {
  verifiedEmail(): Promise<VerifiedEmail>;
}

/** A platform payload reduced to what the core needs: the adapter's whole job on the way in. */
export interface Invocation {
  text: string;
  actor: Actor;
  channel: Channel;
  platform: Platform;
  /** Asked only when the caller is unmapped in an org with automap on. */
  email?: VerifiedEmailLookup;
}

/** `shell:sam` for a shell user name. */
export function shellIdentity(name: string): ChatIdentity {
  return `shell:${name}`;
}
