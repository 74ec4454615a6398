/**
 * Effective campaign permissions as one line of text, grouped by where they apply:
 * "view, stop, start in all divisions" or "view in Home, Sales; stop in Sales".
 */
import type { CapabilityScope, EffectiveAccess } from "./gate-decision.js";

function describeCapabilities(capabilities: readonly CapabilityScope[]): string {
  if (capabilities.length === 0) return "no campaign permissions";
  const groups = new Map<string, { where: string; names: string[] }>();
  for (const c of capabilities) {
    const where =
      c.divisions === "all"
        ? "all divisions"
        : c.divisions
            .map((d) => d.name)
            .sort((a, b) => a.localeCompare(b))
            .join(", ");
    const group = groups.get(where) ?? { where, names: [] };
    group.names.push(c.capability);
    groups.set(where, group);
  }
  return [...groups.values()].map((g) => `${g.names.join(", ")} in ${g.where}`).join("; ");
}

/** The short form for a table cell: the permissions, or why they cannot be known. */
export function describeAccess(access: EffectiveAccess): string {
  if (access.allowed) return describeCapabilities(access.capabilities);
  switch (access.reason) {
    case "cannot_verify":
      return `unknown: client lacks ${access.missing[0] ?? "grant/role view"}`;
    case "identity_gone":
      return "none: mapped identity gone from Genesys";
    case "unmapped":
      return "none: not mapped";
    case "missing_permission":
      return "no campaign permissions";
  }
}
