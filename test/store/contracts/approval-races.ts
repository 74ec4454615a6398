/**
 * ApprovalStore under concurrency: every request is decided exactly once, whether the racing calls
 * share a client, use two clients (separate pools and connections) or come from other processes.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import type { AddApprovalResult, ApprovalStore } from "../../../src/core/ports/approval-store.js";
import { minutes, newRequest } from "./approval-request.js";
import type { StoreHarness } from "./harness.js";

const WORKER = fileURLToPath(new URL("../fixtures/vote-worker.ts", import.meta.url));

type Outcome = { kind: AddApprovalResult["kind"]; completed: boolean };

function outcome(result: AddApprovalResult): Outcome {
  return { kind: result.kind, completed: result.kind === "recorded" && result.completed };
}

function tally(outcomes: Outcome[]) {
  const count = (kind: Outcome["kind"]) => outcomes.filter((o) => o.kind === kind).length;
  return {
    recorded: count("recorded"),
    duplicate: count("duplicate"),
    not_pending: count("not_pending"),
    completed: outcomes.filter((o) => o.completed).length,
  };
}

/** `n` votes at once, by approver(i), spread round-robin over `stores`. */
function voteAtOnce(stores: ApprovalStore[], id: string, n: number, approver: (i: number) => string) {
  return Promise.all(
    Array.from({ length: n }, async (_, i) =>
      outcome(await (stores[i % stores.length] as ApprovalStore).addApproval(id, approver(i), minutes(1))),
    ),
  );
}

/** A vote-worker process: resolves `ready` once it has opened the store; votes on `go()`. */
function startWorker(url: string, id: string, approvers: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER, url, id, ...approvers], {
    cwd: process.cwd(),
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith("ready\n")) onReady();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<Outcome[]>((resolve, reject) => {
    child.on("exit", (code) => {
      const last = stdout.trim().split("\n").at(-1) ?? "";
      if (code === 0 && last.startsWith("[")) resolve(JSON.parse(last) as Outcome[]);
      else reject(new Error(`vote worker exited ${code}: ${stderr || stdout}`));
    });
  });
  // A worker that dies before "ready" must fail the test, not hang it.
  return { ready: Promise.race([ready, done.then(() => {})]), go: () => child.stdin.write("go\n"), done };
}

export function approvalRacesContract(h: StoreHarness): void {
  it("records one of 20 simultaneous votes by the same approver", async () => {
    const { id } = await h.store.approvals.create(newRequest({ approversRequired: 2 }));
    const outcomes = await voteAtOnce([h.store.approvals], id, 20, () => "slack:T1:SAME");
    expect(tally(outcomes)).toEqual({ recorded: 1, duplicate: 19, not_pending: 0, completed: 0 });
    expect((await h.store.approvals.get(id))?.approvals).toHaveLength(1);
  });

  it("completes a 2-approver request exactly once when 10 approvers vote at once", async () => {
    const { id } = await h.store.approvals.create(newRequest({ approversRequired: 2 }));
    const outcomes = await voteAtOnce([h.store.approvals], id, 10, (i) => `slack:T1:A${i}`);
    expect(tally(outcomes)).toEqual({ recorded: 2, duplicate: 0, not_pending: 8, completed: 1 });
    const request = await h.store.approvals.get(id);
    expect(request?.status).toBe("approved");
    expect(request?.approvals).toHaveLength(2);
  });

  it("lets exactly one of 10 simultaneous transitions win", async () => {
    const { id } = await h.store.approvals.create(newRequest());
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        h.store.approvals.transition(id, ["pending"], "denied", {
          at: minutes(1),
          decidedBy: `slack:T1:D${i}`,
        }),
      ),
    );
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    expect(await h.store.approvals.get(id)).toEqual(winners[0]);
  });

  it("decides once when votes and denials race", async () => {
    const { id } = await h.store.approvals.create(newRequest({ approversRequired: 2 }));
    const [votes, denials] = await Promise.all([
      voteAtOnce([h.store.approvals], id, 6, (i) => `slack:T1:A${i}`),
      Promise.all(
        Array.from({ length: 4 }, () =>
          h.store.approvals.transition(id, ["pending"], "denied", { at: minutes(1) }),
        ),
      ),
    ]);
    const denied = denials.filter((r) => r !== null).length;
    expect(tally(votes).completed + denied).toBe(1);
    const request = await h.store.approvals.get(id);
    expect(request?.status).toBe(denied ? "denied" : "approved");
    expect(request?.approvals.length).toBe(denied ? tally(votes).recorded : 2);
  });

  it("decides once when two clients race", async () => {
    const other = await h.openAnother();
    const stores = [h.store.approvals, other.approvals];
    const same = await h.store.approvals.create(newRequest({ approversRequired: 2 }));
    const distinct = await h.store.approvals.create(newRequest({ approversRequired: 2 }));
    const [sameOutcomes, distinctOutcomes, transitions] = await Promise.all([
      voteAtOnce(stores, same.id, 20, () => "slack:T1:SAME"),
      voteAtOnce(stores, distinct.id, 10, (i) => `slack:T1:A${i}`),
      Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (stores[i % 2] as ApprovalStore).transition(same.id, ["pending"], "expired", { at: minutes(2) }),
        ),
      ),
    ]);
    expect(transitions.filter((r) => r !== null)).toHaveLength(1);
    // The expiry may land before, between or after the same-approver votes: one vote at most.
    expect(tally(sameOutcomes).recorded).toBeLessThanOrEqual(1);
    expect(tally(sameOutcomes).completed).toBe(0);
    expect(tally(distinctOutcomes)).toEqual({ recorded: 2, duplicate: 0, not_pending: 8, completed: 1 });
    expect((await other.approvals.get(distinct.id))?.status).toBe("approved");
  });

  it("decides once when other processes vote at the same time", async () => {
    // 20 needed, 31 distinct approvers (10 per process and one shared by all), each vote cast once.
    const { id } = await h.store.approvals.create(newRequest({ approversRequired: 20 }));
    const approvers = (tag: string) => [
      ...Array.from({ length: 10 }, (_, i) => `shell:${tag}${i}`),
      "shell:shared",
    ];
    const workers = [startWorker(h.url, id, approvers("a")), startWorker(h.url, id, approvers("b"))];
    await Promise.all(workers.map((w) => w.ready));
    for (const worker of workers) worker.go();
    const local = voteAtOnce([h.store.approvals], id, 11, (i) => approvers("m")[i] ?? "");
    const outcomes = [...(await local), ...(await Promise.all(workers.map((w) => w.done))).flat()];
    const totals = tally(outcomes);
    expect(totals.recorded).toBe(20);
    expect(totals.completed).toBe(1);
    expect(totals.recorded + totals.duplicate + totals.not_pending).toBe(33);
    const request = await h.store.approvals.get(id);
    expect(request?.status).toBe("approved");
    expect(request?.approvals).toHaveLength(20);
    expect(new Set(request?.approvals.map((v) => v.approver)).size).toBe(20);
  }, 30_000);

  it("records one vote when the same approver votes from several processes at once", async () => {
    const { id } = await h.store.approvals.create(newRequest({ approversRequired: 2 }));
    const same = Array.from({ length: 5 }, () => "shell:same");
    const workers = [startWorker(h.url, id, same), startWorker(h.url, id, same)];
    await Promise.all(workers.map((w) => w.ready));
    for (const worker of workers) worker.go();
    const local = voteAtOnce([h.store.approvals], id, 5, () => "shell:same");
    const outcomes = [...(await local), ...(await Promise.all(workers.map((w) => w.done))).flat()];
    expect(tally(outcomes)).toEqual({ recorded: 1, duplicate: 14, not_pending: 0, completed: 0 });
    expect((await h.store.approvals.get(id))?.approvals).toHaveLength(1);
  }, 30_000);
}
