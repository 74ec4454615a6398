/**
 * Wraps fetch to record what a client sent (method, URL, Authorization header) and the tokens it
 * was issued, so tests can prove which credentials went where. `before` runs just before a request
 * leaves, to change the simulator's state at an exact moment.
 */
export interface SentRequest {
  method: string;
  url: string;
  authorization: string | undefined;
}

export interface RecordingFetch {
  fetch: typeof fetch;
  sent: SentRequest[];
  /** `access_token` values from every token response seen. */
  issuedTokens: string[];
  /** Retry-After values (seconds) of every 429 seen. */
  retryAfters: number[];
}

export function recordingFetch(
  before?: (req: SentRequest) => void | Promise<void>,
  base: typeof fetch = globalThis.fetch,
): RecordingFetch {
  const sent: SentRequest[] = [];
  const issuedTokens: string[] = [];
  const retryAfters: number[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const headers = new Headers(init?.headers);
    const req: SentRequest = {
      method: init?.method ?? "GET",
      url,
      authorization: headers.get("authorization") ?? undefined,
    };
    sent.push(req);
    await before?.(req);
    const response = await base(input, init);
    if (url.endsWith("/oauth/token") && response.ok) {
      const body: unknown = await response.clone().json();
      if (
        typeof body === "object" &&
        body !== null &&
        "access_token" in body &&
        typeof body.access_token === "string"
      ) {
        issuedTokens.push(body.access_token);
      }
    }
    if (response.status === 429) retryAfters.push(Number(response.headers.get("retry-after")));
    return response;
  };
  return { fetch: wrapped, sent, issuedTokens, retryAfters };
}

/** The path after the simulator's host segment: `/outbound/campaigns/x` style checks stay simple. */
export function pathOf(url: string): string {
  return new URL(url).pathname;
}

/**
 * A fetch whose answers lack the `inin-ratelimit-*` headers, as from a proxy that drops them: the
 * client then learns the limit only from a 429, which is the path some tests exercise.
 */
export function withoutRateLimitHeaders(base: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    const headers = new Headers(response.headers);
    for (const name of ["inin-ratelimit-allowed", "inin-ratelimit-count", "inin-ratelimit-reset"]) {
      headers.delete(name);
    }
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}
