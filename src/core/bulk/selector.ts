/**
 * What `pause` and `resume` were asked to act on: named campaigns in one org, or a bulk selector
 * (`--all`, `--match GLOB`) in one org or several (`--orgs a,b`). Every wrong combination is refused
 * with what to type instead.
 */
import { AppError } from "../errors.js";
import type { ParsedArgs } from "../parser/flags.js";
import { normalizeName } from "../text-match.js";

export type Selection =
  | { kind: "named"; org: string; refs: string[] }
  | {
      kind: "bulk";
      orgs: string[];
      /** Undefined for `--all`. */
      match?: string;
      /** The selector as typed, for the plan and the audit log: `--all`, `--match "Spring*"`. */
      text: string;
    };

export function parseSelection(action: string, args: ParsedArgs): Selection {
  const { positionals, flags } = args;
  const all = flags.all === true;
  const match = typeof flags.match === "string" ? flags.match.trim() : undefined;
  const orgsFlag = typeof flags.orgs === "string" ? flags.orgs : undefined;
  const example = `${action} acme --match "Spring*"`;
  if (all && match !== undefined)
    throw usage("Use either --all or --match, not both.", `For example: ${action} acme --all`);
  if (match === "")
    throw usage("--match needs a pattern.", `For example: ${example} (* is any text, ? one character)`);
  const bulk = all || match !== undefined;
  if (orgsFlag !== undefined) {
    const orgs = [
      ...new Set(
        orgsFlag
          .split(",")
          .map((o) => o.trim().toLowerCase())
          .filter(Boolean),
      ),
    ];
    if (orgs.length === 0)
      throw usage(
        "--orgs needs org names, comma-separated.",
        `For example: ${action} --orgs acme,globex --all`,
      );
    if (positionals.length)
      throw usage(
        `With --orgs, name no org or campaign (got "${positionals.join(" ")}").`,
        `For example: ${action} --orgs ${orgs.join(",")} ${match !== undefined ? `--match "${match}"` : "--all"}`,
      );
    if (!bulk)
      throw usage(
        "--orgs needs --all or --match GLOB: it selects campaigns in several orgs.",
        `For example: ${action} --orgs ${orgs.join(",")} --match "Spring*"`,
      );
    return { kind: "bulk", orgs, match, text: selectorText(match) };
  }
  const [org, ...refs] = positionals;
  if (!org)
    throw usage(
      `${action} needs <org>.`,
      `For example: ${action} acme "Spring Promo", ${action} acme --all, or ${action} --orgs acme,globex --all`,
    );
  if (bulk && refs.length) {
    const names = refs.join(" ");
    const flag = all ? "--all" : "--match";
    throw usage(
      `${flag} selects the campaigns itself; drop "${names}", or name campaigns without ${flag}.`,
      `For example: ${action} ${org} ${all ? "--all" : `--match "${match}"`} — or: ${action} ${org} "${names}"`,
    );
  }
  if (bulk) return { kind: "bulk", orgs: [org.toLowerCase()], match, text: selectorText(match) };
  if (!refs.length)
    throw usage(
      `${action} needs <campaign> (or --all / --match GLOB).`,
      `For example: ${action} ${org} "Spring Promo", or ${action} ${org} --match "Spring*"`,
    );
  return { kind: "named", org, refs };
}

function selectorText(match: string | undefined): string {
  return match === undefined ? "--all" : `--match "${match}"`;
}

/** `Spring*` → a case-insensitive whole-name test: `*` is any text, `?` one character. */
export function globMatcher(glob: string): (name: string) => boolean {
  const source = [...normalizeName(glob)]
    .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  const pattern = new RegExp(`^${source}$`, "su");
  return (name) => pattern.test(normalizeName(name));
}

/** The glob without its wildcards, for "did you mean" suggestions. */
export function globStem(glob: string): string {
  return glob.replace(/[*?]+/g, " ").trim();
}

function usage(message: string, hint: string): AppError {
  return new AppError("usage", message, { hint });
}
