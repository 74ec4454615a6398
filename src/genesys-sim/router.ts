/**
 * Matches `METHOD /path` against the endpoint table's keys (`GET /outbound/campaigns/{id}`), so routes
 * and their permission rules cannot drift apart.
 */
import { ENDPOINT_PERMISSIONS, type EndpointKey } from "./endpoint-permissions.js";

export interface RouteMatch {
  key: EndpointKey;
  params: Record<string, string>;
}

interface CompiledRoute {
  key: EndpointKey;
  method: string;
  segments: string[];
}

const ROUTES: CompiledRoute[] = (Object.keys(ENDPOINT_PERMISSIONS) as EndpointKey[]).map((key) => {
  const [method = "", path = ""] = key.split(" ");
  return { key, method, segments: path.split("/").filter(Boolean) };
});

/** `apiPath` is the part after `/api/v2`, e.g. `/outbound/campaigns/abc/stop`. */
export function matchRoute(method: string, apiPath: string): RouteMatch | undefined {
  const parts = apiPath.split("/").filter(Boolean);
  for (const route of ROUTES) {
    if (route.method !== method || route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    route.segments.forEach((seg, i) => {
      const part = parts[i] ?? "";
      if (seg.startsWith("{")) params[seg.slice(1, -1)] = safeDecode(part);
      else if (seg !== part) ok = false;
    });
    // A literal segment ("progress") wins over a parameter only because literal routes come first
    // in the table for the same method; keep that order when adding endpoints.
    if (ok) return { key: route.key, params };
  }
  return undefined;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
