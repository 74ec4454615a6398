/**
 * Cross-reference checks zod cannot express: names that must exist in the same org, and names/ids
 * that must be unique. Genesys itself guarantees these (one home division, unique role and campaign
 * names, globally unique ids), so a fixture that breaks them would describe an impossible org.
 */
import { unknownEndpoints } from "./endpoint-permissions.js";
import type { Fixture, FixtureGrant, FixtureIssue, FixtureOrg } from "./fixture.js";

export function checkFixtureRefs(fixture: Fixture): FixtureIssue[] {
  const issues: FixtureIssue[] = [];
  const ids = new Map<string, string>();
  const claimId = (id: string, path: string) => {
    const first = ids.get(id);
    if (first !== undefined) issues.push({ path, message: `duplicate id "${id}" (also used at ${first})` });
    else ids.set(id, path);
  };

  for (const key of unknownEndpoints(fixture.endpoints)) {
    issues.push({
      path: `endpoints.${key}`,
      message: `no simulated endpoint "${key}" (e.g. "GET /outbound/campaigns")`,
    });
  }

  const slugs = new Map<string, number>();
  fixture.orgs.forEach((org, oi) => {
    const at = `orgs[${oi}]`;
    const firstSlug = slugs.get(org.slug);
    if (firstSlug !== undefined) {
      issues.push({
        path: `${at}.slug`,
        message: `duplicate org slug "${org.slug}" (also orgs[${firstSlug}])`,
      });
    } else slugs.set(org.slug, oi);
    claimId(org.id, `${at}.id`);
    checkOrg(org, at, claimId, issues);
  });

  const sb = fixture.switchboard;
  if (sb) {
    const names = new Set<string>();
    sb.chatUsers.forEach((u, ui) => {
      const at = `switchboard.chatUsers[${ui}]`;
      if (names.has(u.name)) issues.push({ path: `${at}.name`, message: `duplicate chat user "${u.name}"` });
      names.add(u.name);
      u.maps.forEach((m, mi) => {
        if (!slugs.has(m.org)) {
          issues.push({
            path: `${at}.maps[${mi}].org`,
            message: `org "${m.org}" is not in orgs (known: ${[...slugs.keys()].join(", ")})`,
          });
        }
      });
    });
  }
  return issues;
}

function checkOrg(
  org: FixtureOrg,
  at: string,
  claimId: (id: string, path: string) => void,
  issues: FixtureIssue[],
): void {
  const divisionNames = uniqueNames(
    org.divisions.map((d) => d.name),
    `${at}.divisions`,
    "division",
    issues,
  );
  const roleNames = uniqueNames(
    org.roles.map((r) => r.name),
    `${at}.roles`,
    "role",
    issues,
  );
  uniqueNames(
    org.users.map((u) => u.email),
    `${at}.users`,
    "user email",
    issues,
    "email",
  );
  uniqueNames(
    org.campaigns.map((c) => c.name),
    `${at}.campaigns`,
    "campaign",
    issues,
  );

  const homes = org.divisions.filter((d) => d.home).length;
  if (homes > 1) issues.push({ path: `${at}.divisions`, message: "more than one division is marked home" });

  const knownDivisions = org.divisions.map((d) => d.name).join(", ");
  const knownRoles = org.roles.map((r) => r.name).join(", ") || "none";
  const checkGrants = (grants: FixtureGrant[], path: string) => {
    grants.forEach((g, gi) => {
      if (!roleNames.has(g.role)) {
        issues.push({
          path: `${path}[${gi}].role`,
          message: `role "${g.role}" does not exist in org "${org.slug}" (known: ${knownRoles})`,
        });
      }
      if (g.division !== "*" && !divisionNames.has(g.division)) {
        issues.push({
          path: `${path}[${gi}].division`,
          message: `division "${g.division}" does not exist in org "${org.slug}" (known: ${knownDivisions}, or "*")`,
        });
      }
    });
  };

  org.divisions.forEach((d, i) => {
    claimId(d.id, `${at}.divisions[${i}].id`);
  });
  org.roles.forEach((r, i) => {
    claimId(r.id, `${at}.roles[${i}].id`);
  });
  org.users.forEach((u, i) => {
    claimId(u.id, `${at}.users[${i}].id`);
    checkGrants(u.grants, `${at}.users[${i}].grants`);
  });
  const emails = new Set(org.users.map((u) => u.email.toLowerCase()));
  uniqueNames(
    org.groups.map((g) => g.name),
    `${at}.groups`,
    "group",
    issues,
  );
  org.groups.forEach((g, i) => {
    claimId(g.id, `${at}.groups[${i}].id`);
    checkGrants(g.grants, `${at}.groups[${i}].grants`);
    g.members.forEach((m, mi) => {
      if (!emails.has(m.toLowerCase()))
        issues.push({
          path: `${at}.groups[${i}].members[${mi}]`,
          message: `user "${m}" is not in org "${org.slug}"'s users`,
        });
    });
  });
  org.oauthClients.forEach((c, i) => {
    claimId(c.id, `${at}.oauthClients[${i}].id`);
    checkGrants(c.grants, `${at}.oauthClients[${i}].grants`);
  });
  org.campaigns.forEach((c, i) => {
    claimId(c.id, `${at}.campaigns[${i}].id`);
    if (!divisionNames.has(c.division)) {
      issues.push({
        path: `${at}.campaigns[${i}].division`,
        message: `division "${c.division}" does not exist in org "${org.slug}" (known: ${knownDivisions})`,
      });
    }
  });
}

/** Reports case-insensitive duplicates (Genesys compares these names that way); returns the exact names. */
function uniqueNames(
  names: string[],
  listPath: string,
  what: string,
  issues: FixtureIssue[],
  field = "name",
): Set<string> {
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const key = name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        path: `${listPath}[${i}].${field}`,
        message: `duplicate ${what} "${name}" (also ${listPath}[${first}])`,
      });
    } else seen.set(key, i);
  });
  return new Set(names);
}
