/**
 * Campaign JSON as Genesys returns it (the fields a real client touches, plus enough of the rest that
 * a PUT of the whole object round-trips), and the progress/stats figures. Numbers not given by the
 * fixture are derived from hashes of the campaign id, so they are stable across runs.
 */
import type { FixtureCampaign } from "./fixture.js";
import { derivedUuid, unitHash } from "./ids.js";
import type { CampaignState } from "./sim-state.js";
import type { OrgModel } from "./world.js";

/** Fixture campaigns were "created" on a fixed date so responses are reproducible. */
const EPOCH = Date.parse("2024-01-08T09:00:00.000Z");
const DAY_MS = 86_400_000;

function dateCreated(c: FixtureCampaign): number {
  return EPOCH + Math.floor(unitHash(`${c.id}:created`) * 120) * DAY_MS;
}

export function renderCampaign(org: OrgModel, c: FixtureCampaign, s: CampaignState): Record<string, unknown> {
  const slug = org.fx.slug;
  const division = org.divisionByName.get(c.division) ?? org.home;
  const created = dateCreated(c);
  const modified = s.modifiedAt ?? created + Math.floor(unitHash(`${c.id}:modified`) * 30) * DAY_MS;
  const contactList = contactListRef(org, c);
  const queueName = c.queue ?? `${division.name} Outbound`;
  const queueId = derivedUuid(slug, "queue", queueName);
  return {
    id: c.id,
    name: s.name,
    version: s.version,
    campaignStatus: s.status,
    dialingMode: s.dialingMode,
    division: {
      id: division.id,
      name: division.name,
      selfUri: `/api/v2/authorization/divisions/${division.id}`,
    },
    contactList,
    queue: { id: queueId, name: queueName, selfUri: `/api/v2/routing/queues/${queueId}` },
    callerName: c.callerName ?? org.fx.name,
    callerAddress:
      c.callerAddress ?? `+1555${String(Math.floor(unitHash(`${c.id}:ani`) * 10_000_000)).padStart(7, "0")}`,
    phoneColumns: [{ columnName: "Cell", type: "cell" }],
    dncLists: [],
    ruleSets: [],
    contactSorts: [],
    abandonRate: 5,
    priority: 5,
    noAnswerTimeout: 30,
    ...(s.errors && s.errors.length > 0 ? { errors: s.errors } : {}),
    dateCreated: new Date(created).toISOString(),
    dateModified: new Date(modified).toISOString(),
    selfUri: `/api/v2/outbound/campaigns/${c.id}`,
  };
}

function contactListRef(org: OrgModel, c: FixtureCampaign): { id: string; name: string; selfUri: string } {
  const name = c.contactList ?? `${c.name} Contacts`;
  const id = derivedUuid(org.fx.slug, "contactList", name);
  return { id, name, selfUri: `/api/v2/outbound/contactlists/${id}` };
}

export function contactsCalled(c: FixtureCampaign): number {
  return Math.round((c.totalContacts * c.progress) / 100);
}

export function renderProgress(org: OrgModel, c: FixtureCampaign, s: CampaignState): Record<string, unknown> {
  const contactList = contactListRef(org, c);
  return {
    campaign: { id: c.id, name: s.name, selfUri: `/api/v2/outbound/campaigns/${c.id}` },
    contactList,
    numberOfContactsCalled: contactsCalled(c),
    numberOfContactsMessaged: 0,
    totalNumberOfContacts: c.totalContacts,
    percentage: Math.round(c.progress),
  };
}

export function renderStats(c: FixtureCampaign, s: CampaignState): Record<string, unknown> {
  const o = c.stats ?? {};
  const h = (salt: string) => unitHash(`${c.id}:${salt}`);
  // Live figures (agents, calls in flight) only make sense while the campaign dials.
  const live = s.status === "on";
  const called = contactsCalled(c);
  const attempts = o.attempts ?? called + Math.round(called * 0.25 * h("retries"));
  const connects = o.connects ?? Math.round(attempts * (0.2 + 0.3 * h("connect")));
  const idleAgents = o.idleAgents ?? (live ? 1 + Math.floor(h("idle") * 8) : 0);
  return {
    contactRate: {
      attempts,
      connects,
      connectRatio: attempts === 0 ? 0 : Math.round((connects / attempts) * 1000) / 1000,
    },
    idleAgents,
    effectiveIdleAgents: o.effectiveIdleAgents ?? Math.round(idleAgents * 0.8 * 10) / 10,
    adjustedCallsPerAgent: o.adjustedCallsPerAgent ?? (live ? Math.round((1 + h("cpa") * 2) * 10) / 10 : 0),
    outstandingCalls: o.outstandingCalls ?? (live ? Math.floor(h("outstanding") * 6) : 0),
    scheduledCalls: o.scheduledCalls ?? Math.floor(h("scheduled") * 25),
    timeZoneRescheduledCalls: o.timeZoneRescheduledCalls ?? Math.floor(h("tz") * 4),
  };
}
