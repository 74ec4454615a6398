/** Linked Genesys Cloud orgs: where their link and (sealed) credentials are kept. */

export type OrgHealth = "unknown" | "ok" | "broken";

/** A Genesys Cloud org linked to Switchboard. Never carries the client secret. */
export interface LinkedOrg {
  /** Short name used in commands (`acme`): lowercase letters, digits, dashes. */
  slug: string;
  genesysOrgId: string;
  name: string;
  /** Genesys region key, e.g. `us_east_1` (see genesys/regions.ts). */
  region: string;
  clientId: string;
  health: OrgHealth;
  healthReason: string | null;
  healthCheckedAt: Date | null;
  /**
   * Opt-in: an unmapped chat user whose chat platform vouches for their email is mapped to the one
   * active Genesys user with that email when they first run a command here (off by default).
   */
  automap: boolean;
  linkedAt: Date;
  updatedAt: Date;
}

export interface LinkOrgInput {
  slug: string;
  genesysOrgId: string;
  name: string;
  region: string;
  clientId: string;
  /** Plain secret: the store encrypts it before it touches the database. */
  clientSecret: string;
}

export interface OrgCredentials {
  clientId: string;
  clientSecret: string;
}

export interface OrgStore {
  list(): Promise<LinkedOrg[]>;
  get(slug: string): Promise<LinkedOrg | null>;
  /** Links a new org or replaces the link (credentials included) of an existing slug. */
  upsert(input: LinkOrgInput): Promise<LinkedOrg>;
  /** Returns false when no such org was linked. */
  unlink(slug: string): Promise<boolean>;
  /** Decrypted credentials, for the Genesys gateway only. */
  credentials(slug: string): Promise<OrgCredentials | null>;
  setHealth(slug: string, health: OrgHealth, reason?: string | null): Promise<void>;
  /** Turns automatic mapping by verified email on or off; false when no such org is linked. */
  setAutomap(slug: string, on: boolean): Promise<boolean>;
}
