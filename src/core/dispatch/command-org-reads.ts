import type { LinkedOrg, OrgStore } from "../ports/org-store.js";
import { ReadOnce } from "./read-once.js";

/**
 * The org store as one command sees it: each org is read from the store once per command, however
 * many steps ask for it (automap, the access check, the command's own resolution each used to read the
 * same row). A write through this view (a command that links, unlinks or changes an org) forgets what
 * was read, so later steps see the change. See ReadOnce for how long a read is reused.
 */
export function commandOrgReads(store: OrgStore, now: () => number): OrgStore {
  const read = new ReadOnce<LinkedOrg | null>(now);
  return {
    get: (slug) => read.get(slug, () => store.get(slug)),
    list: () => store.list(),
    credentials: (slug) => store.credentials(slug),
    upsert: read.forgetting((input) => store.upsert(input)),
    unlink: read.forgetting((slug) => store.unlink(slug)),
    setHealth: read.forgetting((slug, health, reason) => store.setHealth(slug, health, reason)),
    setAutomap: read.forgetting((slug, on) => store.setAutomap(slug, on)),
  };
}
