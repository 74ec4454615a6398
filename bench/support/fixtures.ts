/**
 * Fixtures built in code for the benchmarks: any number of orgs, each with its own OAuth client and
 * a supervisor user mapped to one chat identity, and any number of campaigns per org.
 */
import { type Fixture, normalizeFixture } from "../../src/genesys-sim/index.js";

export interface GeneratedFixture {
  fixture: Fixture;
  slugs: string[];
  /** `Campaign 001`… in every org. */
  campaignNames: string[];
  /** The chat identity mapped in every org (a supervisor with stop/start everywhere). */
  chatUser: string;
}

export function generateFixture(options: {
  orgs: number;
  campaignsPerOrg: number;
  /** How long `stopping` lasts before `off` (the simulator's default is 2 s). */
  stoppingMs?: number;
  perTokenPerMinute?: number;
  chatUser?: string;
}): GeneratedFixture {
  const width = String(options.orgs).length;
  const slugs = Array.from(
    { length: options.orgs },
    (_, i) => `org-${String(i + 1).padStart(Math.max(2, width), "0")}`,
  );
  const campaignNames = Array.from(
    { length: options.campaignsPerOrg },
    (_, i) => `Campaign ${String(i + 1).padStart(3, "0")}`,
  );
  const chatUser = options.chatUser ?? "bench";
  const input = {
    orgs: slugs.map((slug) => ({
      slug,
      name: `Bench ${slug}`,
      region: "us_east_1",
      divisions: [{ name: "Home", home: true }],
      roles: [
        {
          name: "Integration",
          permissions: [
            "outbound:campaign:*",
            "authorization:grant:view",
            "authorization:role:view",
            "directory:user:view",
          ],
        },
        {
          name: "Supervisor",
          permissions: ["outbound:campaign:view", "outbound:campaign:stop", "outbound:campaign:start"],
        },
      ],
      users: [{ email: `bench@${slug}.test`, grants: [{ role: "Supervisor", division: "*" }] }],
      oauthClients: [
        { id: `${slug}-client`, secret: `${slug}-secret`, grants: [{ role: "Integration", division: "*" }] },
      ],
      campaigns: campaignNames.map((name) => ({ name, division: "Home", status: "on" })),
    })),
    limits: { perTokenPerMinute: options.perTokenPerMinute ?? 300 },
    timing: { stoppingMs: options.stoppingMs ?? 2000 },
    switchboard: {
      admins: ["admin"],
      chatUsers: [{ name: chatUser, maps: slugs.map((org) => ({ org, genesysUser: `bench@${org}.test` })) }],
    },
  };
  return { fixture: normalizeFixture(input, "<bench>"), slugs, campaignNames, chatUser };
}
