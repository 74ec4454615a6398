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
