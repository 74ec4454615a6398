/**
 * A copy of a fixture with many more campaigns in one org: for plans and approval requests longer
 * than a chat message holds (the "300 campaigns").
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { makeTempDir } from "./temp-dir.js";

export interface ExtraCampaigns {
  org: string;
  division: string;
  /** `Bulk 001`… in this status. */
  on: number;
  off: number;
}

export function withManyCampaigns(fixturePath: string, extra: ExtraCampaigns): string {
  const doc = YAML.parse(readFileSync(fixturePath, "utf8")) as {
    orgs: { slug: string; campaigns: { name: string; division: string; status: string }[] }[];
  };
  const org = doc.orgs.find((o) => o.slug === extra.org);
  if (!org) throw new Error(`no org ${extra.org} in ${fixturePath}`);
  const name = (n: number) => `Bulk ${String(n).padStart(3, "0")}`;
  for (let n = 1; n <= extra.on + extra.off; n++)
    org.campaigns.push({ name: name(n), division: extra.division, status: n <= extra.on ? "on" : "off" });
  const file = path.join(makeTempDir("switchboard-fixture-").path, path.basename(fixturePath));
  writeFileSync(file, YAML.stringify(doc));
  return file;
}
