/**
 * Pasted forum prose split into sentences, so a claim is judged by the words around it and not by
 * a word three paragraphs away. A line break inside a paragraph is a space (forum text wraps, and a
 * code line often finishes the sentence before it); a blank line or a sentence end splits.
 */
export function sentencesOf(text: string): string[] {
  return normalizeQuotes(text)
    .split(/\n\s*\n|(?<=[.!?])\s+(?=[A-Z0-9"'([{`>*-])/)
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter((s) => s !== "");
}

/** Chat clients turn straight quotes into typographic ones; read them as straight. */
export function normalizeQuotes(text: string): string {
  return text.replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"').replace(/[\u2018\u2019]/g, "'");
}
