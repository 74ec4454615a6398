/**
 * Tab completion for a typed command line: command names, org slugs and campaign names (quoted when
 * they hold spaces, so the completed line parses as typed). Campaigns are the ones the caller may
 * list, exactly as `list` filters them: completion never shows a name `list` would hide.
 */

import { inScope } from "../permissions/gate-decision.js";
import type { CoreServices } from "../services.js";
import type { CommandDefinition } from "./command.js";
import { CommandParser, isCommandPrefix } from "./command-line.js";

interface Completion {
  /** Whole replacements for `word`. */
  candidates: string[];
  /** The end of the line being completed (what each candidate replaces). */
  word: string;
}

export interface Completer {
  complete(actor: string, line: string): Promise<Completion>;
}

/** How long a campaign list is reused between tab presses (one Genesys listing per org and person). */
const CAMPAIGN_CACHE_MS = 30_000;

export function createCompleter(
  services: Pick<CoreServices, "orgs" | "genesys" | "gate" | "clock">,
  commands: readonly CommandDefinition[],
): Completer {
  const cache = new Map<string, { at: number; names: string[] }>();
  const parser = new CommandParser(commands);

  async function campaigns(actor: string, slug: string): Promise<string[]> {
    const key = `${actor}\u0000${slug}`;
    const now = services.clock.now().getTime();
    const hit = cache.get(key);
    if (hit && now - hit.at < CAMPAIGN_CACHE_MS) return hit.names;
    const org = await services.orgs.get(slug);
    if (!org) return [];
    const client = await services.genesys.forOrg(org);
    const access = await services.gate.divisionsAllowed(actor, org, client, "list");
    if (!access.allowed) return [];
    const seen = await client.listAllCampaigns({});
    const names = seen.filter((c) => inScope(access.divisions, c.division.id)).map((c) => c.name);
    cache.set(key, { at: now, names });
    return names;
  }

  return {
    async complete(actor, line) {
      const typed = splitTyped(line);
      const { word } = typed;
      // `campaign pause ac…` completes like `pause ac…`: the prefix is the parser's, as when it runs.
      const words =
        typed.words[0] !== undefined && isCommandPrefix(typed.words[0]) ? typed.words.slice(1) : typed.words;
      const pick = (options: Iterable<string>, quote = false): Completion => {
        const typed = unquote(word).toLowerCase();
        const hits = [...new Set(options)]
          .filter((o) => o.toLowerCase().startsWith(typed))
          .sort()
          .map((o) => (quote && (/\s/.test(o) || word.startsWith('"')) ? `"${o}"` : o));
        return { candidates: hits, word };
      };
      const names = commands.map((c) => c.name.split(" "));
      if (words.length === 0) return pick(names.map((n) => n[0] ?? ""));
      const first = words[0] ?? "";
      const found = parser.lookup(words);
      if (!found) {
        // A group such as `org` or `user`: its second words.
        return words.length === 1
          ? pick(names.filter((n) => n[0] === first).map((n) => n[1] ?? ""))
          : none(word);
      }
      const def = found.command;
      const positional = positionals(words.slice(found.words), def);
      if (positional === undefined) return none(word);
      const spec = def.args[Math.min(positional.length, def.args.length - 1)];
      const beyond = positional.length >= def.args.length && !def.args[def.args.length - 1]?.variadic;
      if (!spec || beyond) return none(word);
      try {
        if (spec.kind === "org") return pick((await services.orgs.list()).map((o) => o.slug));
        // Campaigns of the org the line already names (its declared org argument).
        const org = positional[def.args.findIndex((a) => a.kind === "org")];
        if (spec.kind === "campaign" && org) return pick(await campaigns(actor, org), true);
      } catch {
        // Completion is a convenience: a broken org or a Genesys outage completes nothing.
      }
      return none(word);
    },
  };
}

function none(word: string): Completion {
  return { candidates: [], word };
}

/** The positional words typed so far; undefined when the word being typed is a flag's value. */
function positionals(words: string[], def: CommandDefinition): string[] | undefined {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? "";
    if (w.startsWith("--")) {
      const flag = def.flags?.[w.slice(2).split("=")[0] ?? ""];
      if (flag && flag.type !== "boolean" && !w.includes("=")) {
        if (i === words.length - 1) return undefined;
        i++;
      }
      continue;
    }
    out.push(unquote(w));
  }
  return out;
}

/** The finished words (quotes removed) and the unfinished last one (as typed, opening quote kept). */
function splitTyped(line: string): { words: string[]; word: string } {
  const words: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') {
      quoted = !quoted;
      current += ch;
    } else if (/\s/.test(ch) && !quoted) {
      if (current) words.push(unquote(current));
      current = "";
    } else current += ch;
  }
  return { words, word: current };
}

function unquote(word: string): string {
  return word.replace(/^"/, "").replace(/"$/, "");
}
