/**
 * Automap in the dispatcher against the simulator and a real database: only an active Genesys user
 * with the vouched-for email is mapped; an inactive one, an unknown email, a chat platform that
 * cannot say, or the shell (no email port) leave the caller unmapped with the reason in the refusal.
 * The email port is the adapters' (Slack and Teams tests drive theirs); here a fixed answer stands in.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Invocation, VerifiedEmail } from "../../src/core/kernel/invocation.js";
import { replyToPlainText } from "../../src/core/kernel/reply.js";
import { type Harness, startHarness } from "../support/app-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ fixturePath: path.resolve(import.meta.dirname, "../fixtures/automap.yml") });
  await h.app.services.orgs.setAutomap("acme", true);
});
afterAll(async () => {
  await h?.close();
});

function asSlackUser(id: string, answer: VerifiedEmail | (() => Promise<VerifiedEmail>)): Invocation {
  return {
    text: "status acme Spring Promo",
    actor: { id: `slack:T9:${id}`, displayName: id },
    channel: { id: "C9" },
    platform: "slack",
    email: { verifiedEmail: typeof answer === "function" ? answer : async () => answer },
  };
}

async function run(inv: Invocation): Promise<string> {
  return replyToPlainText(await h.app.dispatcher.dispatch(inv));
}

describe("automap", () => {
  it("maps to the active user with the email (any letter case) and runs the command", async () => {
    const text = await run(asSlackUser("U1", { email: "SAM@acme.test" }));
    expect(text).toContain("Spring Promo");
    expect(text).not.toContain("not mapped");
    expect(text).toContain("Automap mapped you in acme to the Genesys user with your verified email");
    // Once: the next command runs as an ordinary mapped user.
    expect(await run(asSlackUser("U1", { email: "SAM@acme.test" }))).not.toContain("Automap");
    const mapping = await h.app.services.identities.get("slack:T9:U1", "acme");
    expect(mapping).toMatchObject({
      createdBy: "automap",
      genesys: { kind: "user", email: "sam@acme.test" },
    });
  });

  it("is shown by org list and org test", async () => {
    const test = await run({ ...asSlackUser("U1", { email: "sam@acme.test" }), text: "org test acme" });
    expect(test).toContain("Automap: on. An unmapped chat user is mapped");
    expect(await run({ ...asSlackUser("U1", { email: "sam@acme.test" }), text: "org list" })).toMatch(
      /Automap[\s\S]*acme.*\bon\b/,
    );
  });

  it("does not map to an inactive Genesys user", async () => {
    const text = await run(asSlackUser("U2", { email: "old@acme.test" }));
    expect(text).toContain("are not mapped to a Genesys user or role in acme");
    expect(text).toContain(
      "Automap is on here but could not map you: no active Genesys user in acme has your email old@acme.test.",
    );
    expect(await h.app.services.identities.get("slack:T9:U2", "acme")).toBeNull();
  });

  it("passes on the platform's reason, and survives a lookup that throws", async () => {
    expect(
      await run(asSlackUser("U3", { email: null, why: "Slack has not confirmed your email address x@y" })),
    ).toContain("could not map you: Slack has not confirmed your email address x@y.");
    const broken = asSlackUser("U4", async () => {
      throw new Error("socket hang up");
    });
    expect(await run(broken)).toContain(
      "could not map you: slack could not be asked for your email address.",
    );
  });

  it("never maps a shell user, and does nothing when automap is off", async () => {
    const shell = await h.run("status acme Spring Promo", "newcomer");
    expect(shell.text).toContain("could not map you: shell does not vouch for anyone's email address.");
    await h.app.services.orgs.setAutomap("acme", false);
    try {
      let asked = false;
      const text = await run(
        asSlackUser("U5", async () => {
          asked = true;
          return { email: "sam@acme.test" };
        }),
      );
      expect(text).toContain("are not mapped");
      expect(text).not.toContain("Automap");
      expect(asked).toBe(false);
    } finally {
      await h.app.services.orgs.setAutomap("acme", true);
    }
  });
});
