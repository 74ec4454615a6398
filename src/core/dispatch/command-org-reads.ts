import type { LinkedOrg, OrgStore } from "../ports/org-store.js";

/**
 * The org store as one command sees it: each org is read from the store once per command, however
 * many steps ask for it (automap, the access check, the command's own resolution each used to read the
 * same row). A command is short, so the row is as fresh as it was; a write through this view (a
 * command that links, unlinks or changes an org) forgets what was read, so later steps see the change.
 */
export function commandOrgReads(store: OrgStore): OrgStore {
  const read = new Map<string, Promise<LinkedOrg | null>>();
  const forgetting =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      read.clear();
      return write(...args);
    };
  return {
    get(slug) {
      let org = read.get(slug);
      if (!org) {
        org = store.get(slug);
        read.set(slug, org);
        // A failed read is not remembered: the next step asks the store again.
        org.catch(() => read.delete(slug));
      }
      return org;
    },
    list: () => store.list(),
    credentials: (slug) => store.credentials(slug),
    upsert: forgetting((input) => store.upsert(input)),
    unlink: forgetting((slug) => store.unlink(slug)),
    setHealth: forgetting((slug, health, reason) => store.setHealth(slug, health, reason)),
    setAutomap: forgetting((slug, on) => store.setAutomap(slug, on)),
  };
}
