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

/** A transport on a `fetch` (the global one, or a test's recording or failing one). */
export function fetchTransport(fetchFn: typeof fetch): HttpTransport {
  return async (url, request) => {
    const response = await fetchFn(url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, statusText: response.statusText, headers: response.headers, text };
  };
}
