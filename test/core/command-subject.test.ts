import { describe, expect, it } from "vitest";
import { builtinCommands } from "../../src/core/commands/index.js";
import { auditSubject, namedOrg } from "../../src/core/dispatch/command.js";
import { CommandParser } from "../../src/core/dispatch/command-line.js";

const commands = builtinCommands();
const parser = new CommandParser(commands);

function recorded(text: string): { org: string | null; subject: string | null } {
  const line = parser.parse(text);
  if (!line.ok) throw line.error;
  return { org: namedOrg(line.command, line.args), subject: auditSubject(line.command, line.args) };
}

describe("the org and subject a command line's audit row records", () => {
  it("takes the org from the argument a command declares as its org, the rest as subject", () => {
    expect(recorded('pause NORTH "Spring Promo" --reason x')).toEqual({
      org: "north",
      subject: "Spring Promo",
    });
    expect(recorded("status north Alpha Beta")).toEqual({ org: "north", subject: "Alpha Beta" });
    expect(recorded("approvals")).toEqual({ org: null, subject: null });
  });

  it("records no org for a command without one, whatever its first word", () => {
    expect(recorded("approve K7Q2MX")).toEqual({ org: null, subject: "K7Q2MX" });
    expect(recorded("deny K7Q2MX list stale")).toEqual({ org: null, subject: "K7Q2MX list stale" });
  });

  it("caps the subject at 200 characters", () => {
    expect(recorded(`status north ${"x".repeat(300)}`).subject).toHaveLength(200);
  });

  it("has every org and campaign argument declare its kind, so none is guessed from its name", () => {
    const undeclared = commands.flatMap((c) =>
      c.args
        .filter((a) => (a.name === "org" || a.name === "campaign") && a.kind !== a.name)
        .map((a) => `${c.name} <${a.name}>`),
    );
    expect(undeclared).toEqual([]);
    expect(commands.filter((c) => c.args.some((a) => a.kind === "org")).length).toBeGreaterThan(10);
  });
});
