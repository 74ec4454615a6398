/**
 * The Teams people this process has seen: every activity carries its sender's display name and
 * Teams user id (MRI, `29:…`) beside the AAD object id. Cards use it to show people by name instead
 * of `teams:<tenant>:<aad>` ids, and to list who should see an approval card refresh.
 * It is a cache, not a record: an id it has not seen is shown shortened, never wrongly.
 */
import type { ChatIdentity } from "../../core/kernel/model.js";

interface Person {
  name: string;
  /** The Teams user id Universal Actions' `refresh.userIds` expects. */
  mri?: string;
  seen: number;
}

/** Teams refreshes a card automatically for at most 60 listed users. */
const REFRESH_USERS_MAX = 60;
const MAX_PEOPLE = 10_000;

class TeamsPeople {
  private readonly people = new Map<ChatIdentity, Person>();
  private clock = 0;

  remember(identity: ChatIdentity, name: string, mri?: string): void {
    if (!name.trim()) return;
    this.people.delete(identity);
    this.people.set(identity, { name: name.trim(), mri, seen: ++this.clock });
    if (this.people.size > MAX_PEOPLE) {
      const oldest = this.people.keys().next().value;
      if (oldest !== undefined) this.people.delete(oldest);
    }
  }

  nameOf(identity: ChatIdentity): string | undefined {
    return this.people.get(identity)?.name;
  }

  /** The Teams user ids of the people seen most recently, newest first. */
  recentUserIds(max = REFRESH_USERS_MAX): string[] {
    return [...this.people.values()]
      .filter((p) => p.mri)
      .sort((a, b) => b.seen - a.seen)
      .slice(0, max)
      .map((p) => p.mri as string);
  }

  /**
   * `teams:<tenant>:<aad>` ids in a text replaced by names, or by a short form when unknown. An id in
   * parentheses (`You are Ann (teams:…)`) is shown on purpose, to be copied, and is kept.
   */
  named(text: string): string {
    return text.replace(
      /(\(?)\bteams:[0-9a-f-]{8,}:([0-9a-f-]{8,})\b(\)?)/gi,
      (whole, open: string, aad: string, close: string) => {
        if (open && close) return whole;
        const identity = whole.slice(open.length, whole.length - close.length);
        return `${open}${this.nameOf(identity.toLowerCase()) ?? `Teams user …${aad.slice(-4)}`}${close}`;
      },
    );
  }
}

/** One per process: every handler records the sender through `callerOf`. */
export const teamsPeople = new TeamsPeople();
