import net from "node:net";
import { describe, expect, it } from "vitest";
import type { Simulator } from "../../src/genesys-sim/index.js";
import { api, ERROR_KEYS, type ErrorBody, sim, tokenFor } from "./helpers.js";

async function alive(s: Simulator, token: string): Promise<void> {
  expect((await api(s, token, "acme", "/tokens/me")).status).toBe(200);
}

describe("hostile input never crashes the simulator", () => {
  it("malformed or wrongly shaped JSON → 400 bad.request", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    const id = s.campaign("acme", "Spring Promo").id;
    for (const raw of ["{not json", "null", "[1,2]", '"text"', ""]) {
      const a = await api<ErrorBody>(s, token, "acme", `/outbound/campaigns/${id}`, { method: "PUT", raw });
      expect(a.status, raw).toBe(400);
      expect(a.body.code).toBe("bad.request");
      expect(Object.keys(a.body).sort()).toEqual(ERROR_KEYS);
    }
    const search = await api<ErrorBody>(s, token, "acme", "/users/search", { raw: "{{{" });
    expect(search.status).toBe(400);
    await alive(s, token);
  });

  it("an oversized body → 413, and the server carries on", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    const huge = `{"pad":"${"x".repeat(3 * 1024 * 1024)}"}`;
    const a = await api<ErrorBody>(s, token, "acme", "/users/search", { raw: huge });
    expect(a.status).toBe(413);
    expect(a.body.contextId).toBeTruthy();
    await alive(s, token);
  });

  it("unknown hosts, paths and methods → 404 in Genesys' shape", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    const paths = [
      "/",
      "/nonsense",
      "/api.example.com/api/v2/tokens/me",
      "/login.mypurecloud.com/oauth/authorize",
      "/api.mypurecloud.com/api/v1/tokens/me",
      "/api.mypurecloud.com/api/v2/outbound/calls",
      "/api.mypurecloud.com/api/v2/outbound/campaigns/%E0%A4%A",
      "/api.mypurecloud.com/api/v2/outbound/campaigns/a/b/c/d",
    ];
    for (const p of paths) {
      const res = await fetch(`${s.url}${p}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, p).toBe(404);
      expect(res.headers.get("inin-correlation-id"), p).toBeTruthy();
      const body = (await res.json()) as ErrorBody;
      expect(body.code, p).toBe("not.found");
      expect(Object.keys(body).sort()).toEqual(ERROR_KEYS);
    }
    const del = await api<ErrorBody>(
      s,
      token,
      "acme",
      `/outbound/campaigns/${s.campaign("acme", "Spring Promo").id}`,
      {
        method: "DELETE",
      },
    );
    expect(del.status).toBe(404);
    await alive(s, token);
  });

  it("garbage on the socket and aborted uploads do not take it down", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    const { port } = new URL(s.url);
    await new Promise<void>((resolve) => {
      const sock = net.connect(Number(port), "127.0.0.1", () => sock.write("\u0000\u0001GARBAGE\r\n\r\n"));
      sock.on("data", () => sock.destroy());
      sock.on("close", () => resolve());
      sock.on("error", () => resolve());
    });
    await new Promise<void>((resolve) => {
      const sock = net.connect(Number(port), "127.0.0.1", () => {
        sock.write(
          'PUT /api.mypurecloud.com/api/v2/outbound/campaigns/x HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"a":',
        );
        setTimeout(() => sock.destroy(), 20);
      });
      sock.on("close", () => resolve());
      sock.on("error", () => resolve());
    });
    await alive(s, token);
  });

  it("odd query values are validated, not trusted", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    const a = await api<ErrorBody>(s, token, "acme", "/outbound/campaigns?pageSize=1e3&pageNumber=-1");
    expect(a.status).toBe(400);
    const b = await api(s, token, "acme", "/outbound/campaigns?name=%25%5E%26*(&filterType=contains");
    expect(b.status).toBe(200);
    await alive(s, token);
  });
});
