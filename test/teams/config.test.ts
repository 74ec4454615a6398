/**
 * Teams settings: an Azure Bot registration (app id + secret, single- or multi-tenant), or anonymous
 * mode for local development, which start-up refuses in production. Problems name the variable,
 * never its value.
 */
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, loadTeamsPackageConfig } from "../../src/config.js";

const APP_ID = "0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0";
const TENANT = "6b3a5c1e-0f2d-4c8b-9a7e-1d2c3b4a5f60";

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
};

describe("Teams configuration", () => {
  it("is absent when neither an app id nor anonymous mode is set", () => {
    expect(loadConfig({}).teams).toBeUndefined();
  });

  it("uses the Azure Bot's app id (lower-cased) and secret, multi-tenant by default", () => {
    expect(loadConfig({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: "s3cret" }).teams).toEqual({
      auth: { kind: "app", appId: APP_ID.toLowerCase(), password: "s3cret", appType: "MultiTenant" },
    });
  });

  it("takes a single-tenant app with its tenant", () => {
    const teams = loadConfig({
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: "s3cret",
      MICROSOFT_APP_TYPE: "SingleTenant",
      MICROSOFT_APP_TENANT_ID: TENANT,
    }).teams;
    expect(teams?.auth).toMatchObject({ kind: "app", appType: "SingleTenant", tenantId: TENANT });
  });

  it("allows anonymous mode only when asked for explicitly, in development or test", () => {
    for (const NODE_ENV of ["development", "test", "Development", " TEST "])
      expect(loadConfig({ TEAMS_ALLOW_ANONYMOUS: "true", NODE_ENV }).teams).toEqual({
        auth: { kind: "anonymous" },
      });
    expect(loadConfig({ TEAMS_ALLOW_ANONYMOUS: "false" }).teams).toBeUndefined();
  });

  it("refuses anonymous mode unless NODE_ENV says development or test (issue 11 row 8)", () => {
    for (const env of <Record<string, string>[]>[
      { NODE_ENV: "production" },
      { NODE_ENV: "Production" },
      { NODE_ENV: "staging" },
      { NODE_ENV: "" },
      {},
    ]) {
      const found = problems({ TEAMS_ALLOW_ANONYMOUS: "true", ...env }).join("\n");
      expect(found, JSON.stringify(env)).toContain(
        "TEAMS_ALLOW_ANONYMOUS: anonymous mode skips the Bot Connector token check",
      );
      expect(found).toContain("needs NODE_ENV=development or test");
    }
  });

  it("refuses anonymous mode next to an app id: a registered bot must check every token", () => {
    const found = problems({
      TEAMS_ALLOW_ANONYMOUS: "1",
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: "s3cret",
    });
    expect(found.join("\n")).toContain("TEAMS_ALLOW_ANONYMOUS:");
    expect(found.join("\n")).toContain("MICROSOFT_APP_ID is set");
    expect(found.join("\n")).not.toContain("s3cret");
  });

  it.each([
    [{ MICROSOFT_APP_ID: APP_ID }, "MICROSOFT_APP_PASSWORD: is required with MICROSOFT_APP_ID"],
    [
      { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: "s3cret", MICROSOFT_APP_TYPE: "SingleTenant" },
      "MICROSOFT_APP_TENANT_ID: is required when MICROSOFT_APP_TYPE is SingleTenant",
    ],
    [
      { MICROSOFT_APP_ID: "my-bot", MICROSOFT_APP_PASSWORD: "s3cret" },
      "MICROSOFT_APP_ID: must be the bot's Microsoft App ID",
    ],
    [
      { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: "s3cret", MICROSOFT_APP_TYPE: "UserAssignedMSI" },
      "MICROSOFT_APP_TYPE: must be MultiTenant or SingleTenant",
    ],
    [
      { MICROSOFT_APP_PASSWORD: "s3cret" },
      "MICROSOFT_APP_PASSWORD: is set, but Teams needs MICROSOFT_APP_ID too",
    ],
    [{ TEAMS_ALLOW_ANONYMOUS: "yes" }, "TEAMS_ALLOW_ANONYMOUS: must be true or false"],
    [{ TEAMS_PUBLIC_HOST: "https://bot.example.com/api" }, "TEAMS_PUBLIC_HOST: must be a host name"],
  ])("refuses %o naming the variable", (env, expected) => {
    const found = problems(env).join("\n");
    expect(found).toContain(expected);
    expect(found).not.toContain("s3cret");
  });

  it("lets the app package be built from the app id and host alone, without the secret", () => {
    expect(
      loadTeamsPackageConfig({ MICROSOFT_APP_ID: APP_ID, TEAMS_PUBLIC_HOST: "Bot.Example.com" }),
    ).toEqual({
      appId: APP_ID.toLowerCase(),
      publicHost: "bot.example.com",
    });
    expect(loadTeamsPackageConfig({})).toEqual({ appId: undefined, publicHost: undefined });
  });
});
