/**
 * The inverse of `tokenize` for one word: what a button or a suggestion puts in a command line so
 * the name reads back exactly, whatever it holds. Straight double quotes; a backslash goes before
 * each backslash and each character that would close the quote (straight and typographic: the
 * tokenizer closes `"` on any of them). A campaign named `5" Screens "Promo"` stays one word.
 */
const ESCAPED = /[\\"\u201c\u201d]/g;

export function quoteWord(word: string): string {
  return `"${word.replace(ESCAPED, (c) => `\\${c}`)}"`;
}
