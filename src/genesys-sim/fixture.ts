/**
 * Loading a fixture: YAML → zod validation → deterministic ids → cross-reference checks. Every problem
 * is reported with the file name and a path such as `orgs[0].campaigns[2].division`, because fixture
 * authors edit these files by hand and a bare "invalid input" would send them hunting.
 */
import { readFileSync } from "node:fs";
import YAML from "yaml";
import type { z } from "zod";
import { demoFixturePath } from "./demo-fixture-path.js";
import { checkFixtureRefs } from "./fixture-refs.js";
import {
  type campaignSchema,
  type divisionSchema,
  fixtureSchema,
  type groupSchema,
  type oauthClientSchema,
  type orgSchema,
  type ParsedFixture,
  type roleSchema,
  type switchboardSchema,
  type userSchema,
} from "./fixture-schema.js";
import { derivedUuid } from "./ids.js";

type WithId<T> = Omit<T, "id"> & { id: string };

export type FixtureDivision = WithId<z.output<typeof divisionSchema>> & { home: boolean };
export type FixtureRole = WithId<z.output<typeof roleSchema>>;
export type FixtureUser = WithId<z.output<typeof userSchema>> & { name: string };
export type FixtureGrant = FixtureUser["grants"][number];
export type FixtureGroup = WithId<z.output<typeof groupSchema>>;
export type FixtureOAuthClient = z.output<typeof oauthClientSchema> & { name: string };
export type FixtureCampaign = WithId<z.output<typeof campaignSchema>>;
export type FixtureSwitchboard = z.output<typeof switchboardSchema>;
export type FixtureOrg = Omit<
  WithId<z.output<typeof orgSchema>>,
  "divisions" | "roles" | "users" | "groups" | "oauthClients" | "campaigns"
> & {
  divisions: FixtureDivision[];
  roles: FixtureRole[];
  users: FixtureUser[];
  groups: FixtureGroup[];
  oauthClients: FixtureOAuthClient[];
  campaigns: FixtureCampaign[];
};
/** A validated fixture with every id filled in. Treat it as read-only. */
export type Fixture = Omit<ParsedFixture, "orgs"> & { orgs: FixtureOrg[] };

export interface FixtureIssue {
  /** `orgs[0].campaigns[2].division`, or "" for the document itself. */
  path: string;
  message: string;
}

export class FixtureError extends Error {
  readonly source: string;
  readonly issues: FixtureIssue[];

  constructor(source: string, issues: FixtureIssue[]) {
    const lines = issues.map((i) => `  - ${i.path ? `${i.path}: ` : ""}${i.message}`);
    super(`Invalid fixture ${source}:\n${lines.join("\n")}`);
    this.name = "FixtureError";
    this.source = source;
    this.issues = issues;
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Validates an already-parsed document (e.g. a fixture built in code) and fills in ids. */
export function normalizeFixture(input: unknown, sourceName = "<fixture>"): Fixture {
  const parsed = fixtureSchema.safeParse(input, {
    // "Invalid input: expected string, received undefined" hides the real problem: a missing field.
    error: (iss) => (iss.code === "invalid_type" && iss.input === undefined ? "is required" : undefined),
  });
  if (!parsed.success) {
    throw new FixtureError(
      sourceName,
      parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    );
  }
  const fixture = fillIds(parsed.data);
  const issues = checkFixtureRefs(fixture);
  if (issues.length > 0) throw new FixtureError(sourceName, issues);
  return fixture;
}

export function parseFixture(yamlText: string, sourceName = "<fixture>"): Fixture {
  let doc: unknown;
  try {
    doc = YAML.parse(yamlText, { prettyErrors: true });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new FixtureError(sourceName, [{ path: "", message: `YAML syntax error: ${message}` }]);
  }
  return normalizeFixture(doc, sourceName);
}

export function loadFixtureFile(path: string): Fixture {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new FixtureError(path, [{ path: "", message: `cannot read file: ${message}` }]);
  }
  return parseFixture(text, path);
}

export { demoFixturePath };

/** The built-in scenario used by the demo and most tests. */
export function demoFixture(): Fixture {
  return loadFixtureFile(demoFixturePath);
}

function fillIds(parsed: ParsedFixture): Fixture {
  return {
    ...parsed,
    orgs: parsed.orgs.map((org) => {
      const slug = org.slug;
      const hasHome = org.divisions.some((d) => d.home === true);
      return {
        ...org,
        id: org.id ?? derivedUuid(slug, "org", slug),
        // Genesys always has exactly one home division; default to the first one listed.
        divisions: org.divisions.map((d, i) => ({
          ...d,
          id: d.id ?? derivedUuid(slug, "division", d.name),
          home: hasHome ? d.home === true : i === 0,
        })),
        roles: org.roles.map((r) => ({ ...r, id: r.id ?? derivedUuid(slug, "role", r.name) })),
        users: org.users.map((u) => ({
          ...u,
          id: u.id ?? derivedUuid(slug, "user", u.email.toLowerCase()),
          name: u.name ?? nameFromEmail(u.email),
        })),
        groups: org.groups.map((g) => ({ ...g, id: g.id ?? derivedUuid(slug, "group", g.name) })),
        oauthClients: org.oauthClients.map((c) => ({ ...c, name: c.name ?? c.id })),
        campaigns: org.campaigns.map((c) => ({ ...c, id: c.id ?? derivedUuid(slug, "campaign", c.name) })),
      };
    }),
  };
}

/** `sam.jones@acme.test` → `Sam Jones`. */
function nameFromEmail(email: string): string {
  const local = email.split("@")[0] ?? email;
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}
