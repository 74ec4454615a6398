import type { ChatIdentity } from "./ports.js";

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

/** A platform payload reduced to what the core needs: the adapter's whole job on the way in. */
export interface Invocation {
  text: string;
  actor: Actor;
  channel: Channel;
  platform: Platform;
}

/** `shell:sam` for a shell user name. */
export function shellIdentity(name: string): ChatIdentity {
  return `shell:${name}`;
}
