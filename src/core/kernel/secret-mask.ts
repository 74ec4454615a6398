/**
 * Masks credentials in text a person typed or pasted, before it is recorded anywhere. People paste
 * whole curl commands into `explain`; the audit log is hash-chained and append-only, so a secret that
 * reaches it can never be removed again (issue 11 row 12). Every pattern is a single pass without
 * nested quantifiers, so hostile input cannot make masking slow.
 */

const MASK = "[masked]";

const RULES: ReadonlyArray<[RegExp, string]> = [
  // Authorization: Bearer … (headers, -H '…', or prose).
  [/\b(bearer)(\s+)[A-Za-z0-9._~+/=-]{8,}/gi, `$1$2${MASK}`],
  // Basic …: base64 of user:password; prose ("basic authentication") has no digit, + / or =.
  [/\b(basic)(\s+)(?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/]{6,}={0,2}/gi, `$1$2${MASK}`],
  // key=value in a query string, form body or shell: client_secret=…, password=…, access_token=…
  [
    /\b((?:client[_-]?secret|password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?token|refresh[_-]?token|id[_-]?token|token|code_verifier|signing[_-]?secret|private[_-]?key)=)[^\s&"'`]+/gi,
    `$1${MASK}`,
  ],
  // JSON or YAML: "client_secret": "…", password: …
  [
    /\b((?:client[_-]?secret|clientSecret|password|passwd|secret|api[_-]?key|apiKey|access[_-]?token|accessToken|refresh[_-]?token|refreshToken|id[_-]?token|token|signing[_-]?secret|signingSecret|private[_-]?key)["']?\s*:\s*["']?)[^\s"',}]+/gi,
    `$1${MASK}`,
  ],
  // CLI flags: --client-secret X, --password=X, --token X
  [/(--(?:client-secret|password|secret|token|api-key|signing-secret)(?:=|\s+))(?!-)[^\s"']+/gi, `$1${MASK}`],
  // curl -u user:password / --user user:password
  [/((?:^|\s)(?:-u|--user)\s+["']?[^\s:"']+:)[^\s"']+/g, `$1${MASK}`],
  // https://user:password@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"']+:)[^\s@/"']+@/gi, `$1${MASK}@`],
  // Slack tokens: xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-, app-level xapp-.
  [/\b(?:xox[a-z](?:\.[a-z0-9]+)?|xapp)-[A-Za-z0-9-]{8,}/g, MASK],
  // JWTs (Teams/Bot Framework, Genesys id tokens): three base64url parts, the first a JSON header.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, MASK],
];

export function maskSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
