/**
 * Where an org's OAuth access token outlives the process that fetched it, so a one-shot command
 * (`switchboard exec`) reuses it instead of logging in again. Implementations keep it sealed at rest.
 */
export interface StoredToken {
  value: string;
  /** When to stop using it and fetch a new one (before it expires). */
  refreshAt: Date;
}

/** One vault per org client; `binding` identifies the credentials the token was issued for. */
export interface TokenVault {
  /** The kept token, or undefined when there is none, it belongs to other credentials, or it cannot be opened. */
  load(): Promise<StoredToken | undefined>;
  save(token: StoredToken): Promise<void>;
  /** Forgets `value` (Genesys refused it); a newer token saved since is kept. */
  drop(value: string): Promise<void>;
}
