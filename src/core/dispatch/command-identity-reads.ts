import type { IdentityMapping, IdentityStore } from "../ports/identity-store.js";
import { ReadOnce } from "./read-once.js";

/**
 * The identity store as one command sees it: each (chat identity, org) mapping is read once per
 * command, however many steps ask (the access check and the command's own permission check each
 * read it). Like commandOrgReads: a view per command, forgotten on any write through it (a command
 * that maps or unmaps sees its change). See ReadOnce for how long a read is reused.
 */
export function commandIdentityReads(store: IdentityStore, now: () => number): IdentityStore {
  const read = new ReadOnce<IdentityMapping | null>(now);
  return {
    get: (chatIdentity, orgSlug) =>
      read.get(`${chatIdentity}\u0000${orgSlug}`, () => store.get(chatIdentity, orgSlug)),
    forIdentity: (chatIdentity) => store.forIdentity(chatIdentity),
    list: () => store.list(),
    links: () => store.links(),
    map: read.forgetting((input) => store.map(input)),
    unmap: read.forgetting((chatIdentity, orgSlug) => store.unmap(chatIdentity, orgSlug)),
    link: read.forgetting((a, b, createdBy) => store.link(a, b, createdBy)),
    unlink: read.forgetting((a, b) => store.unlink(a, b)),
  };
}
