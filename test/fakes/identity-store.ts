/** IdentityStore in memory, ordered as the Prisma store orders (run through its contract). */
import type { ChatIdentity } from "../../src/core/kernel/model.js";
import type { IdentityMapping, IdentityStore } from "../../src/core/ports/identity-store.js";

const key = (chatIdentity: string, orgSlug: string) => `${chatIdentity}\u0000${orgSlug}`;
const byIdentityThenOrg = (a: IdentityMapping, b: IdentityMapping) =>
  a.chatIdentity === b.chatIdentity
    ? a.orgSlug.localeCompare(b.orgSlug)
    : a.chatIdentity < b.chatIdentity
      ? -1
      : 1;
/** A link is stored once per pair, whichever way round it was declared. */
const pair = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

export class FakeIdentityStore implements IdentityStore {
  readonly #mappings = new Map<string, IdentityMapping>();
  readonly #links = new Map<string, [ChatIdentity, ChatIdentity]>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async map(input: Omit<IdentityMapping, "createdAt">): Promise<IdentityMapping> {
    const mapping: IdentityMapping = { ...input, genesys: { ...input.genesys }, createdAt: this.now() };
    this.#mappings.set(key(input.chatIdentity, input.orgSlug), mapping);
    return { ...mapping };
  }

  async unmap(chatIdentity: ChatIdentity, orgSlug: string): Promise<boolean> {
    return this.#mappings.delete(key(chatIdentity, orgSlug));
  }

  async get(chatIdentity: ChatIdentity, orgSlug: string): Promise<IdentityMapping | null> {
    const found = this.#mappings.get(key(chatIdentity, orgSlug));
    return found ? { ...found } : null;
  }

  async forIdentity(chatIdentity: ChatIdentity): Promise<IdentityMapping[]> {
    return (await this.list()).filter((m) => m.chatIdentity === chatIdentity);
  }

  async list(): Promise<IdentityMapping[]> {
    return [...this.#mappings.values()].sort(byIdentityThenOrg).map((m) => ({ ...m }));
  }

  async link(a: ChatIdentity, b: ChatIdentity, _createdBy: string): Promise<boolean> {
    const p = pair(a, b);
    const k = key(...p);
    if (this.#links.has(k)) return false;
    this.#links.set(k, p);
    return true;
  }

  async unlink(a: ChatIdentity, b: ChatIdentity): Promise<boolean> {
    return this.#links.delete(key(...pair(a, b)));
  }

  async links(): Promise<Array<[ChatIdentity, ChatIdentity]>> {
    return [...this.#links.values()].map(([a, b]) => [a, b]);
  }

  /** Test setup: forget everything (the contract harness empties tables between tests). */
  clear(): void {
    this.#mappings.clear();
    this.#links.clear();
  }
}
