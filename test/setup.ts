import { afterAll, expect } from "vitest";
import { blockedEgress, installEgressGuard } from "./support/egress-guard.js";

installEgressGuard();

afterAll(() => {
  // A test file that tried to leave loopback fails here even if its own assertions passed.
  expect(blockedEgress, "connections outside loopback were attempted").toEqual([]);
});
