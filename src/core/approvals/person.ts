/**
 * People, not chat identities: four-eyes and "N approvers" count persons. One person is every chat
 * identity connected to another by
 * - a mapping, in the same org, to the same Genesys user (`sam` in the shell and `sam2` in Slack);
 * - a mapping to Genesys users with the same email, in any org (Genesys verified the address);
 * - an admin's link (`switchboard user link A B`).
 * A role mapping says nothing about who someone is: role-mapped identities are people only through
 * their own chat identity (and links).
 */
import type { ChatIdentity } from "../kernel/model.js";
import type { IdentityStore } from "../ports/identity-store.js";

/** Every chat identity of the person `identity` belongs to (itself included). */
export async function personOf(
  identities: IdentityStore,
  identity: ChatIdentity,
): Promise<Set<ChatIdentity>> {
  const [mappings, links] = await Promise.all([identities.list(), identities.links()]);
  const edges = new Map<string, Set<string>>();
  const connect = (a: string, b: string) => {
    if (!edges.has(a)) edges.set(a, new Set());
    if (!edges.has(b)) edges.set(b, new Set());
    edges.get(a)?.add(b);
    edges.get(b)?.add(a);
  };
  // Genesys users and emails are nodes too, so identities sharing one end up connected.
  for (const m of mappings) {
    if (m.genesys.kind !== "user") continue;
    connect(m.chatIdentity, `genesys-user:${m.orgSlug}:${m.genesys.userId}`);
    if (m.genesys.email) connect(m.chatIdentity, `email:${m.genesys.email.trim().toLowerCase()}`);
  }
  for (const [a, b] of links) connect(a, b);
  const seen = new Set<string>([identity]);
  const queue = [identity];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const other of edges.get(next) ?? []) {
      if (seen.has(other)) continue;
      seen.add(other);
      queue.push(other);
    }
  }
  return new Set([...seen].filter((node) => !node.startsWith("genesys-user:") && !node.startsWith("email:")));
}
