/**
 * Maps a path in a parsed YAML document (`orgs.acme.resume.approvers`) back to the text, so a
 * validation problem found on plain values can be reported at a line and column of the file.
 */
import { type Document, isMap, isScalar, type LineCounter } from "yaml";

export interface TextPosition {
  line: number;
  column: number;
}

/**
 * The position of the value at `path` (or of its key, for `at: "key"`: an unknown or malformed key).
 * Where the path leaves the document (a missing field, an alias), the deepest node found is used.
 */
export function locatePath(
  doc: Document.Parsed,
  lineCounter: LineCounter,
  path: readonly (string | number)[],
  at: "key" | "value",
): TextPosition {
  let node: unknown = doc.contents;
  let offset = startOf(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    if (!isMap(node)) break;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
    if (!pair) break;
    if (index === path.length - 1 && at === "key") {
      offset = startOf(pair.key) ?? offset;
      break;
    }
    // An empty value (`resume:`) has no range of its own: point at its key.
    offset = startOf(pair.value) ?? startOf(pair.key) ?? offset;
    node = pair.value;
  }
  return positionOf(lineCounter, offset);
}

export function positionOf(lineCounter: LineCounter, offset: number): TextPosition {
  const { line, col } = lineCounter.linePos(offset);
  // line 0 means "before any known line start": only possible for an empty text.
  return { line: Math.max(line, 1), column: Math.max(col, 1) };
}

function startOf(node: unknown): number | undefined {
  if (typeof node !== "object" || node === null || !("range" in node)) return undefined;
  const range: unknown = node.range;
  return Array.isArray(range) && typeof range[0] === "number" ? range[0] : undefined;
}
