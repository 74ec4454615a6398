/** A reason as one quoted argument: the tokenizer's quote and escape rules, so no text is lost or read as a flag. */
export function quoteArg(text: string): string {
  return `"${text.replace(/[\\"\u201c\u201d]/g, (c) => `\\${c}`)}"`;
}
