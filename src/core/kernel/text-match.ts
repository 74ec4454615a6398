/** Text comparison used for command, org and campaign names: case- and width-insensitive. */
export function normalizeName(s: string): string {
  return s.normalize("NFKC").toLocaleLowerCase("en").replace(/\s+/g, " ").trim();
}

/** Levenshtein distance, bounded: returns `max + 1` as soon as the distance must exceed `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}

/**
 * The closest candidates to `input` ("did you mean"), best first. A candidate qualifies when it is
 * within a small edit distance of the input as a whole, of its leading part (a misspelt prefix such
 * as "sprng" for "Spring Promo"), or of one of its words; or when one contains the other.
 */
export function closestMatches(input: string, candidates: readonly string[], limit = 3): string[] {
  const needle = normalizeName(input);
  if (!needle) return [];
  const budget = Math.max(1, Math.min(3, Math.round(needle.length / 3)));
  return candidates
    .map((c) => {
      const n = normalizeName(c);
      const whole = editDistance(needle, n, budget);
      // Leading parts one shorter, as long and one longer than the input: a letter dropped or added.
      const prefix = Math.min(
        ...[-1, 0, 1].map((k) =>
          n.length > needle.length + k
            ? editDistance(needle, n.slice(0, needle.length + k), budget) + 0.5
            : whole,
        ),
      );
      const word = Math.min(...n.split(" ").map((w) => editDistance(needle, w, budget) + 0.5));
      const contains = n.includes(needle) || (needle.length >= 4 && needle.includes(n));
      return { c, d: Math.min(whole, prefix, word, contains ? 0.75 : Number.POSITIVE_INFINITY) };
    })
    .filter((x) => x.d <= budget)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, limit)
    .map((x) => x.c);
}
