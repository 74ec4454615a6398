import { AppError } from "../kernel/errors.js";
import { closestMatches } from "../kernel/text-match.js";
import type { Token } from "./tokenize.js";

type FlagType = "string" | "boolean" | "integer" | "duration";

interface FlagSpec {
  type: FlagType;
  /** Shown in help: `--reason TEXT`. */
  valueName?: string;
  description: string;
  min?: number;
  max?: number;
}

export type FlagSpecs = Record<string, FlagSpec>;
type FlagValue = string | boolean | number;

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, FlagValue>;
}

const DURATION = /^(\d+)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?)$/i;

/** `30m`, `2h`, `45 minutes` → milliseconds; undefined when not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? "").toLowerCase();
  const factor = unit.startsWith("s")
    ? 1000
    : unit.startsWith("m")
      ? 60_000
      : unit.startsWith("h")
        ? 3_600_000
        : 86_400_000;
  return n * factor;
}

/** Splits tokens into positionals and the flags a command declares; anything else is a usage error. */
export function parseArgs(tokens: Token[], specs: FlagSpecs, usage: string): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, FlagValue> = {};
  let onlyPositionals = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    if (onlyPositionals || token.quoted || !token.value.startsWith("--") || token.value === "--") {
      if (!onlyPositionals && !token.quoted && token.value === "--") {
        onlyPositionals = true;
        continue;
      }
      positionals.push(token.value);
      continue;
    }
    const eq = token.value.indexOf("=");
    const name = (eq === -1 ? token.value.slice(2) : token.value.slice(2, eq)).toLowerCase();
    const spec = specs[name];
    if (!spec) {
      const known = Object.keys(specs).map((k) => `--${k}`);
      const guess = closestMatches(`--${name}`, known, 1)[0];
      throw new AppError("usage", `Unknown option --${name}.`, {
        hint: guess
          ? `Did you mean ${guess}? Usage: ${usage}`
          : known.length
            ? `Options here: ${known.join(", ")}. Usage: ${usage}`
            : `This command takes no options. Usage: ${usage}`,
      });
    }
    if (spec.type === "boolean") {
      if (eq !== -1) {
        const v = token.value.slice(eq + 1).toLowerCase();
        if (!["true", "false", "yes", "no"].includes(v))
          throw new AppError("usage", `--${name} takes no value.`, { hint: `Usage: ${usage}` });
        flags[name] = v === "true" || v === "yes";
      } else flags[name] = true;
      continue;
    }
    let raw: string | undefined;
    if (eq !== -1) raw = token.value.slice(eq + 1);
    else {
      const next = tokens[i + 1];
      if (next && (next.quoted || !next.value.startsWith("--"))) {
        raw = next.value;
        i++;
      }
    }
    if (raw === undefined || raw === "") {
      throw new AppError("usage", `--${name} needs a value (${spec.valueName ?? spec.type}).`, {
        hint: `Usage: ${usage}`,
      });
    }
    flags[name] = convert(name, spec, raw, usage);
  }
  return { positionals, flags };
}

function convert(name: string, spec: FlagSpec, raw: string, usage: string): FlagValue {
  switch (spec.type) {
    case "string":
      return raw;
    case "integer": {
      const n = Number(raw);
      const min = spec.min ?? Number.MIN_SAFE_INTEGER;
      const max = spec.max ?? Number.MAX_SAFE_INTEGER;
      if (!/^-?\d+$/.test(raw) || n < min || n > max) {
        throw new AppError(
          "usage",
          `--${name} must be a whole number between ${min} and ${max}, not "${raw}".`,
          { hint: `Usage: ${usage}` },
        );
      }
      return n;
    }
    case "duration": {
      const ms = parseDuration(raw);
      const max = spec.max ?? Number.POSITIVE_INFINITY;
      if (ms !== undefined && ms > max) {
        throw new AppError("usage", `--${name} can be at most ${durationWords(max)}, not "${raw}".`, {
          hint: `Usage: ${usage}`,
        });
      }
      if (ms === undefined || ms <= 0) {
        throw new AppError("usage", `--${name} must be a duration like 30m, 2h or 1d, not "${raw}".`, {
          hint: `Usage: ${usage}`,
        });
      }
      return ms;
    }
    case "boolean":
      return true;
  }
}

/** A flag's maximum in the words people use for it: "7 days", "12 hours", "90 minutes". */
function durationWords(ms: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (ms % 86_400_000 === 0) return plural(ms / 86_400_000, "day");
  if (ms % 3_600_000 === 0) return plural(ms / 3_600_000, "hour");
  if (ms % 60_000 === 0) return plural(ms / 60_000, "minute");
  return plural(Math.round(ms / 1000), "second");
}
