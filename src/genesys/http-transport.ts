/**
 * What sendRequest needs from HTTP: one request out, status, headers and the whole body back (or a
 * thrown error when no answer arrived in time). Two implementations: node:http (the default, see
 * node-http-transport.ts) and any `fetch` a caller passes in (tests record or break requests that way).
 */

/** Response headers by case-insensitive name; a `Headers` object is one. */
export interface HeaderReader {
  get(name: string): string | null;
}

export interface HttpAnswer {
  status: number;
  statusText: string;
  headers: HeaderReader;
  /** The whole body, read under the same timeout as the request. */
  text: string;
}

interface TransportRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Covers connecting, the answer and its body; then the request fails with a TimeoutError. */
  timeoutMs: number;
}

export type HttpTransport = (url: string, request: TransportRequest) => Promise<HttpAnswer>;

/**
 * A transport on a `fetch` (the global one, or a test's recording or failing one). The timeout is a
 * timer cleared once the body is in, not `AbortSignal.timeout`: that one's timer and signal outlive
 * every request by the whole timeout and then fire, each building an exception nobody reads (three
 * per `status`, thousands a minute in a busy process).
 */
export function fetchTransport(fetchFn: typeof fetch): HttpTransport {
  return async (url, request) => {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException(`no answer within ${request.timeoutMs} ms`, "TimeoutError")),
      request.timeoutMs,
    );
    try {
      const response = await fetchFn(url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
      });
      const text = await response.text();
      return { status: response.status, statusText: response.statusText, headers: response.headers, text };
    } finally {
      clearTimeout(timer);
    }
  };
}
