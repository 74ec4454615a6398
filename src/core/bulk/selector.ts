/**
 * What `pause` and `resume` were asked to act on: named campaigns in one org, or a bulk selector
 * (`--all`, `--match GLOB`) in one org or several (`--orgs a,b`). Every wrong combination is refused
 * with what to type instead.
 */

import type { ParsedArgs } from "../dispatch/flags.js";
import { AppError } from "../kernel/errors.js";
import { normalizeName } from "../kernel/text-match.js";

export type Selection =
  | { kind: "named"; org: string; refs: string[] }
  | {
      kind: "bulk";
      orgs: string[];
      /** Undefined for `--all`. */
      match?: string;
      /** The selector as typed, for the plan and the audit log: `--all`, `--match "Spring*"`. */
      text: string;
      /** `resume --job ID`: undo that bulk pause (orgs empty: every org it paused in). */
      job?: string;
    };

export function parseSelection(action: string, args: ParsedArgs): Selection {
  const { positionals, flags } = args;
  const all = flags.all === true;
  const match = typeof flags.match === "string" ? flags.match.trim() : undefined;
  const orgsFlag = typeof flags.orgs === "string" ? flags.orgs : undefined;
  const example = `${action} acme --match "Spring*"`;
  const job = typeof flags.job === "string" ? flags.job.trim().toUpperCase() : undefined;
  if (job !== undefined) return jobSelection(action, job, positionals, orgsFlag, match);
  if (all && match !== undefined)
    throw usage("Use either --all or --match, not both.", `For example: ${action} acme --all`);
  if (match === "")
    throw usage("--match needs a pattern.", `For example: ${example} (* is any text, ? one character)`);
  if (match !== undefined && match.length > MAX_GLOB_LENGTH) throw globTooLong(match.length);
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

/** `resume --job B7K2QX` (every org it paused in), `resume acme --job B7K2QX [--match GLOB]`. */
function jobSelection(
  action: string,
  job: string,
  positionals: string[],
  orgsFlag: string | undefined,
  match: string | undefined,
): Selection {
  if (action !== "resume")
    throw usage(
      "--job names the bulk pause to undo; it goes with resume.",
      `For example: resume --job ${job || "B7K2QX"}`,
    );
  if (!job)
    throw usage(
      "--job needs the id of a bulk pause.",
      "For example: resume --job B7K2QX (the id is in the pause's reply)",
    );
  const [org, ...refs] = positionals;
  if (refs.length)
    throw usage(
      `--job resumes what that pause paused; drop "${refs.join(" ")}", or name campaigns without --job.`,
      `For example: resume ${org} --job ${job}`,
    );
  const orgs = orgsFlag
    ? orgsFlag
        .split(",")
        .map((o) => o.trim().toLowerCase())
        .filter(Boolean)
    : org
      ? [org.toLowerCase()]
      : [];
  const text = `--job ${job}${match === undefined ? "" : ` --match "${match}"`}`;
  return { kind: "bulk", orgs, match, text, job };
}

function selectorText(match: string | undefined): string {
  return match === undefined ? "--all" : `--match "${match}"`;
}

/** Longest `--match` pattern accepted: campaign names are at most a few hundred characters. */
export const MAX_GLOB_LENGTH = 200;

/**
 * `Spring*` → a case-insensitive whole-name test: `*` is any text, `?` one character. Runs as a
 * set-of-positions automaton, one pass over the name, so its cost is at most name × pattern steps
 * whatever the pattern: a backtracking regex on `*?*?…X` took seconds per name and blocked the
 * event loop for every user (issue 11 row 2). The optional `steps` counter lets a test see that.
 */
export function globMatcher(glob: string, steps?: { count: number }): (name: string) => boolean {
  if (glob.length > MAX_GLOB_LENGTH) throw globTooLong(glob.length);
  // Runs of `*` mean one `*`; a pattern is code points, so an emoji is one `?`.
  const pattern = [...normalizeName(glob).replace(/\*+/g, "*")];
  return (name) => matchGlob(pattern, [...normalizeName(name)], steps);
}

function matchGlob(pattern: string[], name: string[], steps?: { count: number }): boolean {
  const m = pattern.length;
  // alive[i]: the first i pattern characters can match the name read so far.
  let alive = new Uint8Array(m + 1);
  alive[0] = 1;
  closeStars(pattern, alive);
  for (const ch of name) {
    const next = new Uint8Array(m + 1);
    let any = false;
    for (let i = 0; i < m; i++) {
      if (!alive[i]) continue;
      const p = pattern[i];
      if (steps) steps.count++;
      if (p === "*") {
        next[i] = 1;
        any = true;
      } else if (p === "?" || p === ch) {
        next[i + 1] = 1;
        any = true;
      }
    }
    if (!any) return false;
    closeStars(pattern, next);
    alive = next;
  }
  return alive[m] === 1;
}

/** A `*` matches nothing too: whoever stands before it also stands after it. */
function closeStars(pattern: string[], alive: Uint8Array): void {
  for (let i = 0; i < pattern.length; i++) if (alive[i] && pattern[i] === "*") alive[i + 1] = 1;
}

function globTooLong(length: number): AppError {
  return usage(
    `That --match pattern is ${length} characters long; the limit is ${MAX_GLOB_LENGTH}.`,
    'Use a shorter pattern, e.g. --match "Spring*"',
  );
}

/** The glob without its wildcards, for "did you mean" suggestions. */
export function globStem(glob: string): string {
  return glob.replace(/[*?]+/g, " ").trim();
}

function usage(message: string, hint: string): AppError {
  return new AppError("usage", message, { hint });
}
