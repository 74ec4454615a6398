import { describe, expect, it } from "vitest";
import { COMMAND_HELP } from "../../src/cli/help.js";
import { orgLinkCommand, userMapCommand, userUnmapCommand } from "../../src/core/kernel/hints.js";

/** The usage line of `switchboard <group> <sub>` as the CLI's own help states it. */
function usage(group: string, sub: string): string {
  const line = COMMAND_HELP[group]?.usage.find((u) => u.startsWith(`switchboard ${group} ${sub}`));
  if (!line) throw new Error(`no usage for ${group} ${sub}`);
  return line;
}

/** The words and flags a hint uses that the CLI's usage does not have. */
function unknownTo(usageLine: string, hint: string): string[] {
  const words = hint.split(" ").slice(0, 3);
  const flags = hint.split(" ").filter((w) => w.startsWith("--"));
  return [...words, ...flags].filter((w) => !usageLine.includes(w));
}

describe("the operator commands replies tell people to type", () => {
  it("fill in what is known and name the rest", () => {
    expect(orgLinkCommand({ slug: "acme", region: "eu_west_1" })).toBe(
      "switchboard org link acme --region eu_west_1 --client-id <id> --client-secret-stdin",
    );
    expect(orgLinkCommand()).toBe(
      "switchboard org link <slug> --region <region> --client-id <id> --client-secret-stdin",
    );
    expect(userMapCommand("slack:T1:U1", "acme", "role")).toBe(
      'switchboard user map slack:T1:U1 acme --genesys-role "<role>"',
    );
  });

  it("use only the subcommands and options the CLI has", () => {
    expect(unknownTo(usage("org", "link"), orgLinkCommand({ slug: "acme" }))).toEqual([]);
    expect(unknownTo(usage("user", "map"), userMapCommand("shell:sam", "acme"))).toEqual([]);
    expect(unknownTo(usage("user", "map"), userMapCommand("shell:sam", "acme", "role"))).toEqual([]);
    expect(unknownTo(usage("user", "unmap"), userUnmapCommand("shell:sam", "acme"))).toEqual([]);
  });
});
