/**
 * Where a caller's grants, as last read from Genesys, outlive the process that read them, so a
 * one-shot command (`switchboard exec`) within the cache lifetime does not read them again. The
 * in-process cache stays in front; this is only asked on its miss.
 */
export interface KeptGrants {
  /** The Genesys identity they were read for (a different mapping misses). */
  mappingKey: string;
  readAt: Date;
  /** The lookup as JSON. */
  lookup: string;
}

export interface GrantsKeep {
  load(chatIdentity: string, orgSlug: string): Promise<KeptGrants | undefined>;
  save(chatIdentity: string, orgSlug: string, kept: KeptGrants): Promise<void>;
  /** Forgets kept grants: all, one chat identity's, one org's, or one pair's. */
  drop(chatIdentity?: string, orgSlug?: string): Promise<void>;
}
