/**
 * Signs requests exactly as Slack does (v0): `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`
 * under the app's signing secret, in `x-slack-signature` with the timestamp in
 * `x-slack-request-timestamp`. Slash commands and interactions arrive form-encoded; interactions
 * carry their JSON in the `payload` field.
 */
import { createHmac } from "node:crypto";

export function slackSignature(signingSecret: string, rawBody: string, timestamp: number): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

export interface SignedPost {
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Sign with this secret instead (a forged request). */
  signWith?: string;
  /** Send no signature headers at all. */
  unsigned?: boolean;
  headers?: Record<string, string>;
}

export interface SlackHttpResponse {
  status: number;
  text: string;
  /** The body as JSON when it is JSON (an ack with a message, a view response). */
  json: unknown;
}

export async function postSigned(
  url: string,
  signingSecret: string,
  rawBody: string,
  options: SignedPost = {},
): Promise<SlackHttpResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    ...(options.unsigned
      ? {}
      : {
          "x-slack-request-timestamp": String(timestamp),
          "x-slack-signature": slackSignature(options.signWith ?? signingSecret, rawBody, timestamp),
        }),
    ...options.headers,
  };
  const res = await fetch(url, { method: "POST", headers, body: rawBody });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

/** A slash command's form body. */
export function commandBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** An interaction (block_actions, view_submission): `payload=<json>`. */
export function interactionBody(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
