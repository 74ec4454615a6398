/**
 * Genesys paging: `pageSize` (1..100, default 25) and 1-based `pageNumber`, answered as
 * `{entities, total, pageCount, pageNumber, pageSize}`. Out-of-range values are rejected rather than
 * clamped so a client bug shows up in tests.
 */
import { invalidValue } from "./sim-error.js";

export interface Paging {
  pageSize: number;
  pageNumber: number;
}

export interface Page<T> {
  entities: T[];
  total: number;
  pageCount: number;
  pageNumber: number;
  pageSize: number;
}

export function parsePaging(query: URLSearchParams, defaultSize = 25, maxSize = 100): Paging {
  return {
    pageSize: intParam(query, "pageSize", defaultSize, 1, maxSize),
    pageNumber: intParam(query, "pageNumber", 1, 1, Number.MAX_SAFE_INTEGER),
  };
}

export function pageOf<T>(items: readonly T[], paging: Paging): Page<T> {
  const start = (paging.pageNumber - 1) * paging.pageSize;
  return {
    entities: items.slice(start, start + paging.pageSize),
    total: items.length,
    pageCount: Math.ceil(items.length / paging.pageSize),
    pageNumber: paging.pageNumber,
    pageSize: paging.pageSize,
  };
}

function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `between ${min} and ${max}`;
    throw invalidValue(`${name} must be an integer ${range}, got "${raw}"`);
  }
  return n;
}

export interface PageUris {
  selfUri: string;
  firstUri: string;
  lastUri: string;
  nextUri?: string;
  previousUri?: string;
}

/** Adds the paging URIs Genesys listings carry; other query parameters are kept as sent. */
export function withPageUris<T>(page: Page<T>, path: string, query: URLSearchParams): Page<T> & PageUris {
  const uri = (pageNumber: number) => {
    const q = new URLSearchParams(query);
    q.set("pageSize", String(page.pageSize));
    q.set("pageNumber", String(pageNumber));
    return `${path}?${q.toString()}`;
  };
  const last = Math.max(1, page.pageCount);
  return {
    ...page,
    selfUri: uri(page.pageNumber),
    firstUri: uri(1),
    lastUri: uri(last),
    ...(page.pageNumber < last ? { nextUri: uri(page.pageNumber + 1) } : {}),
    ...(page.pageNumber > 1 ? { previousUri: uri(Math.min(page.pageNumber - 1, last)) } : {}),
  };
}
