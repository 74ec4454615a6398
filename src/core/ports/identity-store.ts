/** Chat identities and their Genesys mapping. */
import type { ChatIdentity } from "../kernel/model.js";

export type GenesysIdentity =
  | { kind: "user"; userId: string; email?: string | null }
  | { kind: "role"; roleName: string };

export interface IdentityMapping {
  chatIdentity: ChatIdentity;
  orgSlug: string;
  genesys: GenesysIdentity;
  createdBy: string;
  createdAt: Date;
}

export interface IdentityStore {
  /** Creates or replaces the mapping of one chat identity in one org. */
  map(input: {
    chatIdentity: ChatIdentity;
    orgSlug: string;
    genesys: GenesysIdentity;
    createdBy: string;
  }): Promise<IdentityMapping>;
  unmap(chatIdentity: ChatIdentity, orgSlug: string): Promise<boolean>;
  get(chatIdentity: ChatIdentity, orgSlug: string): Promise<IdentityMapping | null>;
  forIdentity(chatIdentity: ChatIdentity): Promise<IdentityMapping[]>;
  list(): Promise<IdentityMapping[]>;
  /** An admin's declaration that two chat identities are one person; true when it is new. */
  link(a: ChatIdentity, b: ChatIdentity, createdBy: string): Promise<boolean>;
  unlink(a: ChatIdentity, b: ChatIdentity): Promise<boolean>;
  /** Every linked pair. */
  links(): Promise<Array<[ChatIdentity, ChatIdentity]>>;
}
