/** Shared test plumbing: start the simulator, get tokens and call it over real HTTP. */
import { afterEach } from "vitest";
import { hostsFor, type Region } from "../../src/genesys/regions.js";
import {
  demoFixture,
  type Fixture,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from "../../src/genesys-sim/index.js";

export const CLIENTS = {
  acme: { id: "acme-switchboard", secret: "acme-demo-secret", region: "us_east_1" },
  globex: { id: "globex-switchboard", secret: "globex-demo-secret", region: "eu_west_1" },
  initech: { id: "initech-switchboard", secret: "initech-demo-secret", region: "ap_southeast_2" },
} as const satisfies Record<string, { id: string; secret: string; region: Region }>;

export type OrgSlug = keyof typeof CLIENTS;

const running: Simulator[] = [];

/** Starts a simulator that is closed after the current test. */
export async function sim(opts: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  const s = await startSimulator({ fixture: demoFixture(), ...opts });
  running.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** A clock tests move by hand. */
export function manualClock(start = Date.parse("2025-03-03T10:00:00Z")) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

async function answer<T>(res: Response): Promise<Answer<T>> {
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

export async function requestToken(
  s: Simulator,
  region: Region,
  clientId: string,
  secret: string,
  form = "grant_type=client_credentials",
): Promise<Answer> {
  const res = await fetch(`${hostsFor(region, s.url).loginUrl}/oauth/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: form,
  });
  return answer(res);
}

/** A valid token of the org's demo client. */
export async function tokenFor(s: Simulator, org: OrgSlug): Promise<string> {
  const c = CLIENTS[org];
  const a = await requestToken(s, c.region, c.id, c.secret);
  if (a.status !== 200) throw new Error(`token for ${org}: ${a.status} ${JSON.stringify(a.body)}`);
  return String(a.body.access_token);
}

export interface ApiCall {
  method?: string;
  body?: unknown;
  /** Raw body text, sent as is (for malformed-input tests). */
  raw?: string;
  region?: Region;
}

export async function api<T = Record<string, unknown>>(
  s: Simulator,
  token: string | undefined,
  org: OrgSlug,
  path: string,
  call: ApiCall = {},
): Promise<Answer<T>> {
  const region = call.region ?? CLIENTS[org].region;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${hostsFor(region, s.url).apiUrl}/api/v2${path}`, {
    method: call.method ?? (call.body !== undefined || call.raw !== undefined ? "POST" : "GET"),
    headers,
    body: call.raw ?? (call.body === undefined ? undefined : JSON.stringify(call.body)),
  });
  return answer<T>(res);
}

export function fixtureWith(change: (f: Fixture) => void): Fixture {
  const f = demoFixture();
  change(f);
  return f;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The exact key set of a Genesys API error body. */
export const ERROR_KEYS = [
  "code",
  "contextId",
  "details",
  "errors",
  "message",
  "messageParams",
  "messageWithParams",
  "status",
];

export interface ErrorBody {
  message: string;
  code: string;
  status: number;
  messageParams: Record<string, string>;
  messageWithParams: string;
  contextId: string;
  details: unknown[];
  errors: unknown[];
}

export interface Ref {
  id: string;
  name: string;
  selfUri?: string;
}

export interface CampaignJson {
  id: string;
  name: string;
  version: number;
  campaignStatus: string;
  dialingMode: string;
  division: Ref;
  contactList: Ref;
  queue: Ref;
  callerName: string;
  callerAddress: string;
  dateCreated: string;
  dateModified: string;
  selfUri: string;
}

export interface PageJson<T> {
  entities: T[];
  total: number;
  pageCount: number;
  pageNumber: number;
  pageSize: number;
}
