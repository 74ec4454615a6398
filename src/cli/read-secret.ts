import readline from "node:readline";
import { type Readable, Writable } from "node:stream";

/**
 * Reads a secret from stdin. Piped: all of it, minus the trailing newline. A terminal: one line with
 * echo off. The value is returned, never printed.
 */
export async function readSecret(
  input: Readable & { isTTY?: boolean },
  prompt: Writable,
  question: string,
): Promise<string> {
  if (!input.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return Buffer.concat(chunks)
      .toString("utf8")
      .replace(/\r?\n$/, "");
  }
  prompt.write(question);
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = readline.createInterface({ input, output: muted, terminal: true });
  try {
    const line = await new Promise<string>((resolve) => rl.once("line", resolve));
    prompt.write("\n");
    return line.trim();
  } finally {
    rl.close();
  }
}
