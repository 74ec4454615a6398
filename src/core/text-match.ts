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
 * The closest candidates to `input` ("did you mean"), best first. A candidate qualifies when its
 * distance is small relative to its length, or when one name contains the other.
 */
export function closestMatches(input: string, candidates: readonly string[], limit = 3): string[] {
  const needle = normalizeName(input);
  if (!needle) return [];
  const budget = Math.max(2, Math.floor(needle.length / 3));
  return candidates
    .map((c) => {
      const n = normalizeName(c);
      const d = editDistance(needle, n, budget);
      const contains = n.includes(needle) || (needle.length >= 4 && needle.includes(n));
      return { c, d: contains ? Math.min(d, budget) : d };
    })
    .filter((x) => x.d <= budget)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, limit)
    .map((x) => x.c);
}
