/**
 * The mutable part of the simulated Genesys (campaign status/version/name, revoked clients, issued
 * tokens), optionally persisted to a JSON file so a sequence of separate processes (`switchboard exec`
 * runs, a shell restart) sees one coherent Genesys. Writes are synchronous and atomic (tmp + rename),
 * and the file is re-read when another process replaced it.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Region } from "../genesys/regions.js";
import type { Fixture } from "./fixture.js";

export interface CampaignState {
  name: string;
  status: string;
  version: number;
  dialingMode: string;
  /** When `stopping` began (epoch ms); the move to `off` is evaluated lazily from it. */
  stoppingSince?: number;
  /** Epoch ms of the last change; undefined = never changed since the fixture. */
  modifiedAt?: number;
  /** Errors Genesys shows on an invalid or forced-off campaign (`Campaign.errors`). */
  errors?: { error: string; details?: string }[];
}

export interface TokenRecord {
  token: string;
  clientId: string;
  orgId: string;
  region: Region;
  issuedAt: number;
  expiresAt: number;
  /** Set by `expireTokens()`: answers `credentials.expired` before its time. */
  expired: boolean;
}

interface StateFile {
  format: 1;
  fixtureHash: string;
  campaigns: Record<string, CampaignState>;
  revokedClients: string[];
  tokens: TokenRecord[];
}

/** Tokens are kept a day past expiry so late callers get `credentials.expired`, not "unknown token". */
const TOKEN_GRACE_MS = 86_400_000;
const MAX_TOKENS = 10_000;

function fixtureHash(fixture: Fixture): string {
  return createHash("sha256").update(JSON.stringify(fixture)).digest("hex");
}

export class SimState {
  readonly #hash: string;
  readonly #statePath: string | undefined;
  readonly #now: () => number;
  readonly #stoppingMs: number;
  #campaigns = new Map<string, CampaignState>();
  #revoked = new Set<string>();
  #tokens = new Map<string, TokenRecord>();
  /** Identity of the file as we last read or wrote it (a rename gives a new inode). */
  #fileStamp = "";

  constructor(fixture: Fixture, opts: { statePath?: string; now: () => number }) {
    this.#hash = fixtureHash(fixture);
    this.#statePath = opts.statePath;
    this.#now = opts.now;
    this.#stoppingMs = fixture.timing.stoppingMs;
    const start = this.#now();
    for (const org of fixture.orgs) {
      for (const c of org.campaigns) {
        this.#campaigns.set(c.id, {
          name: c.name,
          status: c.status,
          version: 1,
          dialingMode: c.dialingMode,
          ...(c.errors ? { errors: c.errors } : {}),
          ...(c.status === "stopping" || c.status === "forced_stopping" ? { stoppingSince: start } : {}),
        });
      }
    }
    if (this.#statePath && !this.#load()) this.#save();
  }

  /** Picks up a state file another process wrote since we last looked. */
  refreshFromDisk(): void {
    if (this.#statePath && this.#stamp() !== this.#fileStamp) this.#load();
  }

  /** Current state of a campaign, with an elapsed `stopping` settled to `off` (and persisted). */
  campaign(id: string): CampaignState | undefined {
    const c = this.#campaigns.get(id);
    if (!c) return undefined;
    if ((c.status === "stopping" || c.status === "forced_stopping") && c.stoppingSince !== undefined) {
      const offAt = c.stoppingSince + this.#stoppingMs;
      if (this.#now() >= offAt) {
        c.status = c.status === "stopping" ? "off" : "forced_off";
        c.stoppingSince = undefined;
        c.version += 1;
        c.modifiedAt = offAt;
        this.#save();
      }
    }
    return c;
  }

  /** Applies a change, bumps the version (every Genesys update does) and persists. */
  updateCampaign(id: string, change: (c: CampaignState) => void): CampaignState {
    const c = this.campaign(id);
    if (!c) throw new Error(`unknown campaign ${id}`);
    const before = c.status;
    change(c);
    if (c.status !== before) {
      c.stoppingSince = c.status === "stopping" || c.status === "forced_stopping" ? this.#now() : undefined;
    }
    c.version += 1;
    c.modifiedAt = this.#now();
    this.#save();
    return c;
  }

  isRevoked(clientId: string): boolean {
    return this.#revoked.has(clientId);
  }

  revoke(clientId: string): void {
    this.#revoked.add(clientId);
    this.#save();
  }

  addToken(record: TokenRecord): void {
    this.#tokens.set(record.token, record);
    this.#save();
  }

  token(token: string): TokenRecord | undefined {
    return this.#tokens.get(token);
  }

  expireAllTokens(): void {
    for (const t of this.#tokens.values()) t.expired = true;
    this.#save();
  }

  #stamp(): string {
    if (!this.#statePath) return "";
    try {
      const s = statSync(this.#statePath);
      return `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      return "missing";
    }
  }

  /** True when a state file for this very fixture was loaded. */
  #load(): boolean {
    if (!this.#statePath) return false;
    const stamp = this.#stamp();
    let file: StateFile;
    try {
      file = JSON.parse(readFileSync(this.#statePath, "utf8")) as StateFile;
    } catch {
      return false; // missing or unreadable: start from the fixture and overwrite it
    }
    this.#fileStamp = stamp;
    // State written for another fixture would point at campaigns that do not exist; ignore it.
    if (file.format !== 1 || file.fixtureHash !== this.#hash) return false;
    for (const [id, saved] of Object.entries(file.campaigns ?? {})) {
      if (this.#campaigns.has(id)) this.#campaigns.set(id, saved);
    }
    this.#revoked = new Set(file.revokedClients ?? []);
    this.#tokens = new Map((file.tokens ?? []).map((t) => [t.token, t]));
    return true;
  }

  #save(): void {
    const path = this.#statePath;
    if (!path) return;
    const now = this.#now();
    const tokens = [...this.#tokens.values()]
      .filter((t) => t.expiresAt + TOKEN_GRACE_MS > now)
      .slice(-MAX_TOKENS);
    this.#tokens = new Map(tokens.map((t) => [t.token, t]));
    const file: StateFile = {
      format: 1,
      fixtureHash: this.#hash,
      campaigns: Object.fromEntries(this.#campaigns),
      revokedClients: [...this.#revoked],
      tokens,
    };
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, path);
    this.#fileStamp = this.#stamp();
  }
}
