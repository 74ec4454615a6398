import { AppError } from "../kernel/errors.js";

/** Longest command line accepted; longer input is refused with a clear message, never processed. */
export const MAX_COMMAND_LENGTH = 2000;

// Slack, Teams and macOS turn straight quotes into typographic ones; treat them alike.
const OPENING_QUOTES: Record<string, string> = {
  '"': '"',
  "'": "'",
  "\u201c": "\u201d", // “ ”
  "\u201d": "\u201d",
  "\u2018": "\u2019", // ‘ ’
  "\u201e": "\u201c", // „ “
  "\u00ab": "\u00bb", // « »
};
const CLOSERS_FOR: Record<string, string[]> = {
  '"': ['"', "\u201c", "\u201d"],
  "\u201d": ['"', "\u201c", "\u201d"],
  "\u201c": ['"', "\u201c", "\u201d"],
  "'": ["'", "\u2018", "\u2019"],
  "\u2019": ["'", "\u2018", "\u2019"],
  "\u00bb": ["\u00bb"],
};

/**
 * C0 controls (but tab and newline), DEL, C1 controls, zero-width characters, soft hyphen and the
 * bidirectional controls (U+202A–U+202E, U+2066–U+2069, LRM/RLM/ALM): invisible, yet U+202E makes an
 * echoed name read backwards in chat ("Trojan Source"), and any of them lets two names look alike.
 */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** The text without invisible and direction-changing characters: what is parsed, echoed and recorded. */
export function stripInvisible(input: string): string {
  return input.replace(INVISIBLE, "");
}

export interface Token {
  value: string;
  /** True when the token was quoted: `"--reason"` is a value, not a flag. */
  quoted: boolean;
}

/**
 * Splits a command line into words, honouring quotes (straight and typographic) and backslash
 * escapes. Control characters are dropped so nothing invisible reaches a name lookup.
 */
export function tokenize(input: string): Token[] {
  if (input.length > MAX_COMMAND_LENGTH) {
    throw new AppError(
      "usage",
      `That command is ${input.length} characters long; the limit is ${MAX_COMMAND_LENGTH}.`,
      {
        hint: "Shorten it, or use --match with a pattern instead of listing every campaign.",
      },
    );
  }
  const text = stripInvisible(input);
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    let value = "";
    let quoted = false;
    while (i < text.length && !/\s/.test(text.charAt(i))) {
      const c = text.charAt(i);
      // A single quote inside a word is an apostrophe (Mother's Day), not the start of a quote.
      const apostrophe = (c === "'" || c === "\u2018") && value !== "";
      const closeKey = apostrophe ? undefined : OPENING_QUOTES[c];
      if (closeKey !== undefined) {
        quoted = true;
        const closers = CLOSERS_FOR[closeKey] ?? [closeKey];
        const start = i;
        i++;
        let closed = false;
        while (i < text.length) {
          const q = text.charAt(i);
          if (q === "\\" && c === '"' && i + 1 < text.length) {
            value += text.charAt(i + 1);
            i += 2;
            continue;
          }
          if (closers.includes(q)) {
            closed = true;
            i++;
            break;
          }
          value += q;
          i++;
        }
        if (!closed) {
          const fragment = text.slice(start, start + 30);
          throw new AppError(
            "usage",
            `The quote ${c} at position ${start + 1} is never closed (${fragment}…).`,
            {
              hint: 'Close it, for example: pause acme "Spring Promo"',
            },
          );
        }
        continue;
      }
      if (c === "\\" && i + 1 < text.length) {
        value += text.charAt(i + 1);
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    tokens.push({ value, quoted });
  }
  return tokens;
}

/** Longest paste a `takesPaste` command accepts: a whole forum thread, not a book. */
const MAX_PASTE_LENGTH = 20_000;

/**
 * A pasted text as words: split on whitespace only, every word after the first `commandWords`
 * marked quoted so no `--word` is taken for an option and no stray quote fails the parse.
 */
export function tokenizePaste(input: string, commandWords: number): Token[] {
  if (input.length > MAX_PASTE_LENGTH) {
    throw new AppError(
      "usage",
      `That paste is ${input.length} characters long; the limit is ${MAX_PASTE_LENGTH}.`,
      { hint: "Paste the error body and the sentences about it, not the whole page." },
    );
  }
  const words = input
    .trim()
    .split(/\s+/)
    .filter((w) => w !== "");
  return words.map((value, i) => ({ value, quoted: i >= commandWords }));
}
