/**
 * Alert incidents, posts and mutes on Prisma. The open key (unique while an incident is open) and
 * the post primary key are what keep replicas, reconnects and resyncs from alerting twice: the
 * loser of a race reads the winner's row instead of inserting its own.
 */
import { randomUUID } from "node:crypto";
import { type Clock, systemClock } from "../core/kernel/clock.js";
import type {
  AlertIncident,
  AlertMute,
  AlertPostRow,
  AlertStore,
  CampaignCursor,
  IncidentChange,
  IncidentDetail,
  IncidentKind,
  NewIncident,
} from "../core/ports/alert-store.js";
import type { Db } from "./db.js";
import { atStoreBoundary, isUniqueViolation } from "./errors.js";

interface IncidentRow {
  id: string;
  orgSlug: string;
  campaignId: string;
  campaignName: string;
  kind: string;
  status: string;
  version: number;
  lastVersion: number;
  detail: string;
  openedAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
}

const openKeyOf = (orgSlug: string, campaignId: string) => `${orgSlug}:${campaignId}`;

function toIncident(row: IncidentRow): AlertIncident {
  let detail: IncidentDetail = {};
  try {
    detail = JSON.parse(row.detail) as IncidentDetail;
  } catch {
    // A row written by a newer version with another shape still shows its headline.
  }
  return {
    id: row.id,
    orgSlug: row.orgSlug,
    campaignId: row.campaignId,
    campaignName: row.campaignName,
    kind: row.kind as IncidentKind,
    status: row.status,
    version: row.version,
    lastVersion: row.lastVersion,
    detail,
    openedAt: row.openedAt,
    updatedAt: row.updatedAt,
    resolvedAt: row.resolvedAt,
  };
}

export class PrismaAlertStore implements AlertStore {
  readonly #db: Db;
  readonly #clock: Clock;

  constructor(db: Db, options: { clock?: Clock } = {}) {
    this.#db = db;
    this.#clock = options.clock ?? systemClock;
  }

  advance(
    orgSlug: string,
    campaignId: string,
    version: number,
    status: string,
  ): Promise<{ advanced: boolean; previous: CampaignCursor | null }> {
    return atStoreBoundary(async () => {
      const key = { orgSlug, campaignId };
      const now = this.#clock.now();
      const current = await this.#db.alertCursor.findUnique({ where: { orgSlug_campaignId: key } });
      if (!current) {
        try {
          await this.#db.alertCursor.create({ data: { ...key, version, status, updatedAt: now } });
          return { advanced: true, previous: null };
        } catch (e) {
          // Another process recorded the baseline first: its view wins, this event is replayed later.
          if (isUniqueViolation(e)) return { advanced: false, previous: null };
          throw e;
        }
      }
      const previous = { version: current.version, status: current.status, at: current.updatedAt };
      if (current.version >= version) return { advanced: false, previous };
      // Conditional on the version read: exactly one of several racing processes moves it.
      const { count } = await this.#db.alertCursor.updateMany({
        where: { ...key, version: current.version },
        data: { version, status, updatedAt: now },
      });
      return { advanced: count === 1, previous };
    });
  }

  latest(orgSlug: string, campaignId: string): Promise<AlertIncident | null> {
    return atStoreBoundary(async () => {
      const row = await this.#db.alertIncident.findFirst({
        where: { orgSlug, campaignId },
        orderBy: [{ openedAt: "desc" }, { lastVersion: "desc" }],
      });
      return row ? toIncident(row) : null;
    });
  }

  open(input: NewIncident): Promise<{ incident: AlertIncident; created: boolean }> {
    return atStoreBoundary(async () => {
      const openKey = openKeyOf(input.orgSlug, input.campaignId);
      const existing = await this.#db.alertIncident.findUnique({ where: { openKey } });
      if (existing) return { incident: toIncident(existing), created: false };
      const now = this.#clock.now();
      try {
        const row = await this.#db.alertIncident.create({
          data: {
            id: randomUUID(),
            orgSlug: input.orgSlug,
            campaignId: input.campaignId,
            campaignName: input.campaignName,
            openKey,
            kind: input.kind,
            status: input.status,
            version: input.version,
            lastVersion: input.version,
            detail: JSON.stringify(input.detail),
            openedAt: now,
            updatedAt: now,
          },
        });
        return { incident: toIncident(row), created: true };
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        const winner = await this.#db.alertIncident.findUnique({ where: { openKey } });
        if (!winner) throw e;
        return { incident: toIncident(winner), created: false };
      }
    });
  }

  update(id: string, change: IncidentChange): Promise<AlertIncident> {
    return atStoreBoundary(async () => {
      const now = this.#clock.now();
      const row = await this.#db.alertIncident.update({
        where: { id },
        data: {
          ...(change.kind ? { kind: change.kind } : {}),
          ...(change.status ? { status: change.status } : {}),
          ...(change.lastVersion !== undefined ? { lastVersion: change.lastVersion } : {}),
          ...(change.campaignName ? { campaignName: change.campaignName } : {}),
          ...(change.detail ? { detail: JSON.stringify(change.detail) } : {}),
          ...(change.resolved ? { openKey: null, resolvedAt: now } : {}),
          updatedAt: now,
        },
      });
      return toIncident(row);
    });
  }

  async reopen(id: string): Promise<boolean> {
    try {
      return await atStoreBoundary(async () => {
        const row = await this.#db.alertIncident.findUnique({ where: { id } });
        if (!row) return false;
        await this.#db.alertIncident.update({
          where: { id },
          data: {
            openKey: openKeyOf(row.orgSlug, row.campaignId),
            resolvedAt: null,
            updatedAt: this.#clock.now(),
          },
        });
        return true;
      });
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  async claimPost(incidentId: string, platform: string, channel: string): Promise<boolean> {
    try {
      await atStoreBoundary(() =>
        this.#db.alertPost.create({
          data: { incidentId, platform, channel, postedAt: this.#clock.now() },
        }),
      );
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  setPostRef(incidentId: string, platform: string, channel: string, messageRef: string): Promise<void> {
    return atStoreBoundary(async () => {
      await this.#db.alertPost.update({
        where: { incidentId_platform_channel: { incidentId, platform, channel } },
        data: { messageRef },
      });
    });
  }

  releasePost(incidentId: string, platform: string, channel: string): Promise<void> {
    return atStoreBoundary(async () => {
      await this.#db.alertPost.deleteMany({ where: { incidentId, platform, channel, messageRef: null } });
    });
  }

  posts(incidentId: string): Promise<AlertPostRow[]> {
    return atStoreBoundary(() =>
      this.#db.alertPost.findMany({
        where: { incidentId },
        select: { incidentId: true, platform: true, channel: true, messageRef: true },
        orderBy: { postedAt: "asc" },
      }),
    );
  }

  mute(input: AlertMute): Promise<void> {
    return atStoreBoundary(async () => {
      const key = {
        orgSlug: input.orgSlug,
        campaignId: input.campaignId,
        platform: input.platform,
        channel: input.channel,
      };
      const data = { until: input.until, createdBy: input.createdBy, createdAt: this.#clock.now() };
      await this.#db.alertMute.upsert({
        where: { orgSlug_campaignId_platform_channel: key },
        create: { ...key, ...data },
        update: data,
      });
    });
  }

  mutedUntil(
    key: Pick<AlertMute, "orgSlug" | "campaignId" | "platform" | "channel">,
    now: Date,
  ): Promise<Date | null> {
    return atStoreBoundary(async () => {
      const row = await this.#db.alertMute.findUnique({
        where: { orgSlug_campaignId_platform_channel: key },
      });
      return row && row.until > now ? row.until : null;
    });
  }
}
