/**
 * The campaign list's query, as `GET /api/v2/outbound/campaigns` documents it: `name` with every
 * `filterType`, `id` and `divisionId` filters, `sortBy`/`sortOrder`. Unknown values are refused (400)
 * rather than ignored, so a client bug shows up in tests.
 */
import { invalidValue } from "./sim-error.js";

const compare = (a: string, b: string) => a.localeCompare(b, "en", { sensitivity: "base" });

type NameFilter = (name: string, q: string) => boolean;

const FILTERS: Record<string, NameFilter> = {
  equals: (n, q) => compare(n, q) === 0,
  contains: (n, q) => n.toLowerCase().includes(q.toLowerCase()),
  prefix: (n, q) => n.toLowerCase().startsWith(q.toLowerCase()),
  beginswith: (n, q) => n.toLowerCase().startsWith(q.toLowerCase()),
  endswith: (n, q) => n.toLowerCase().endsWith(q.toLowerCase()),
  lessthan: (n, q) => compare(n, q) < 0,
  lessthanequalto: (n, q) => compare(n, q) <= 0,
  greaterthan: (n, q) => compare(n, q) > 0,
  greaterthanequalto: (n, q) => compare(n, q) >= 0,
  regex: (n, q) => new RegExp(q, "i").test(n),
};

const FILTER_TYPES = [
  "Equals",
  "RegEx",
  "Contains",
  "Prefix",
  "LessThan",
  "LessThanEqualTo",
  "GreaterThan",
  "GreaterThanEqualTo",
  "BeginsWith",
  "EndsWith",
] as const;

const SORT_FIELDS = ["name", "dateCreated", "dateModified", "campaignStatus", "dialingMode", "id"] as const;

export interface CampaignQuery {
  /** Does a campaign name pass the `name`/`filterType` filter? */
  nameMatches(name: string): boolean;
  ids: string[];
  divisionIds: string[];
  sort(rows: Record<string, unknown>[]): Record<string, unknown>[];
}

export function parseCampaignQuery(query: URLSearchParams): CampaignQuery {
  const rawType = query.get("filterType") ?? "Prefix";
  const filter = FILTERS[rawType.toLowerCase()];
  if (!filter) throw invalidValue(`filterType must be one of ${FILTER_TYPES.join(", ")}, got "${rawType}"`);
  const name = query.get("name") ?? "";
  if (rawType.toLowerCase() === "regex") {
    // Bounded so a hostile pattern cannot stall the simulator for long.
    if (name.length > 200) throw invalidValue("name: a RegEx filter may be at most 200 characters");
    try {
      new RegExp(name);
    } catch {
      throw invalidValue(`name is not a valid regular expression: "${name}"`);
    }
  }
  const sortBy = query.get("sortBy") ?? "name";
  if (!(SORT_FIELDS as readonly string[]).includes(sortBy))
    throw invalidValue(`sortBy must be one of ${SORT_FIELDS.join(", ")}, got "${sortBy}"`);
  const sortOrder = (query.get("sortOrder") ?? "ascending").toLowerCase();
  if (sortOrder !== "ascending" && sortOrder !== "descending")
    throw invalidValue(`sortOrder must be ascending or descending, got "${query.get("sortOrder")}"`);
  const list = (key: string) =>
    query
      .getAll(key)
      .flatMap((v) => v.split(","))
      .map((v) => v.trim())
      .filter(Boolean);
  const direction = sortOrder === "descending" ? -1 : 1;
  return {
    nameMatches: (n) => name === "" || filter(n, name),
    ids: list("id"),
    divisionIds: list("divisionId"),
    sort: (rows) =>
      [...rows].sort(
        (a, b) =>
          direction * compare(String(a[sortBy] ?? ""), String(b[sortBy] ?? "")) ||
          compare(String(a.id), String(b.id)),
      ),
  };
}
