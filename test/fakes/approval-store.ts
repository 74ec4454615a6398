/**
 * ApprovalStore in memory with the Prisma store's rules: Crockford-forgiving ids, one vote per
 * approver, one per person (`sameAs`, the requester included), no vote at or after expiry, and the
 * completing vote is the only `completed` one. JavaScript runs each call to the end before another
 * starts touching the map, which gives the same exactly-once answers as the database's lock.
 */
import { AppError } from "../../src/core/kernel/errors.js";
import type { ChatIdentity } from "../../src/core/kernel/model.js";
import type {
  AddApprovalResult,
  ApprovalRequest,
  ApprovalStatus,
  ApprovalStore,
  NewApprovalRequest,
} from "../../src/core/ports/approval-store.js";
import { newApprovalId, normalizeApprovalId } from "../../src/store/approval-id.js";

const copy = (r: ApprovalRequest): ApprovalRequest => structuredClone(r);

export class FakeApprovalStore implements ApprovalStore {
  readonly #requests: Map<string, ApprovalRequest>;

  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = newApprovalId,
    /** Shared with the store this one was made from (`withOptions`), like two stores on one database. */
    requests = new Map<string, ApprovalRequest>(),
  ) {
    this.#requests = requests;
  }

  /** Another store on the same requests with its own clock and id generator. */
  withOptions(options: { at?: () => Date; newId?: () => string }): FakeApprovalStore {
    return new FakeApprovalStore(options.at ?? this.now, options.newId ?? this.newId, this.#requests);
  }

  async create(input: NewApprovalRequest): Promise<ApprovalRequest> {
    if (!Number.isInteger(input.approversRequired) || input.approversRequired < 1)
      throw new RangeError(`approversRequired must be a positive integer, not ${input.approversRequired}`);
    let id = this.newId();
    for (let tries = 0; this.#requests.has(id); tries++) {
      if (tries >= 4) throw new Error("no free approval id");
      id = this.newId();
    }
    const request: ApprovalRequest = {
      ...structuredClone(input),
      reason: input.reason ?? null,
      approverPermission: input.approverPermission ?? null,
      approverMustBeUser: input.approverMustBeUser ?? false,
      id,
      status: "pending",
      statusReason: null,
      approvals: [],
      createdAt: this.now(),
      decidedAt: null,
      decidedBy: null,
      messageRef: null,
    };
    this.#requests.set(id, request);
    return copy(request);
  }

  async get(id: string): Promise<ApprovalRequest | null> {
    const found = this.#requests.get(normalizeApprovalId(id));
    return found ? copy(found) : null;
  }

  async listPending(orgSlug?: string): Promise<ApprovalRequest[]> {
    return [...this.#requests.values()]
      .filter((r) => r.status === "pending" && (orgSlug === undefined || r.orgSlug === orgSlug))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map(copy);
  }

  async addApproval(
    id: string,
    approver: ChatIdentity,
    at: Date,
    options: { sameAs?: readonly ChatIdentity[] } = {},
  ): Promise<AddApprovalResult> {
    const key = normalizeApprovalId(id);
    const request = this.#requests.get(key);
    if (!request)
      throw new AppError("usage", `There is no approval request ${key}.`, {
        hint: "See the pending ones with: approvals",
      });
    if (request.status !== "pending") return { kind: "not_pending", request: copy(request) };
    if (request.approvals.some((v) => v.approver === approver))
      return { kind: "duplicate", request: copy(request) };
    const sameAs = new Set([approver, ...(options.sameAs ?? [])]);
    if (sameAs.has(request.requester))
      return { kind: "same_person", request: copy(request), votedAs: request.requester };
    const mine = request.approvals.find((v) => sameAs.has(v.approver));
    if (mine) return { kind: "same_person", request: copy(request), votedAs: mine.approver };
    if (request.expiresAt.getTime() <= at.getTime()) return { kind: "expired", request: copy(request) };
    request.approvals.push({ approver, at: new Date(at) });
    request.approvals.sort((a, b) => a.at.getTime() - b.at.getTime());
    const completed = request.approvals.length >= request.approversRequired;
    if (completed)
      Object.assign(request, { status: "approved", decidedAt: new Date(at), decidedBy: approver });
    return { kind: "recorded", request: copy(request), completed };
  }

  async transition(
    id: string,
    from: ApprovalStatus[],
    to: ApprovalStatus,
    fields: { at: Date; decidedBy?: ChatIdentity | null; statusReason?: string | null },
  ): Promise<ApprovalRequest | null> {
    const request = this.#requests.get(normalizeApprovalId(id));
    if (!request || !from.includes(request.status)) return null;
    request.status = to;
    request.decidedAt = new Date(fields.at);
    if (fields.decidedBy !== undefined) request.decidedBy = fields.decidedBy;
    if (fields.statusReason !== undefined) request.statusReason = fields.statusReason;
    return copy(request);
  }

  async setMessageRef(id: string, messageRef: string): Promise<void> {
    const request = this.#requests.get(normalizeApprovalId(id));
    if (request) request.messageRef = messageRef;
  }

  async listStuck(approvedBefore: Date, executingBefore: Date): Promise<ApprovalRequest[]> {
    const before = (r: ApprovalRequest, limit: Date) =>
      (r.decidedAt?.getTime() ?? Infinity) < limit.getTime();
    return [...this.#requests.values()]
      .filter(
        (r) =>
          (r.status === "approved" && before(r, approvedBefore)) ||
          (r.status === "executing" && before(r, executingBefore)),
      )
      .sort(
        (a, b) => (a.decidedAt?.getTime() ?? 0) - (b.decidedAt?.getTime() ?? 0) || a.id.localeCompare(b.id),
      )
      .map(copy);
  }

  async claimStuck(
    listed: Pick<ApprovalRequest, "id" | "status" | "decidedAt">,
    _owner: string,
    at: Date,
  ): Promise<ApprovalRequest | null> {
    const request = this.#requests.get(listed.id);
    if (!request || request.status !== listed.status) return null;
    if (request.decidedAt?.getTime() !== listed.decidedAt?.getTime()) return null;
    request.status = "executing";
    request.decidedAt = new Date(at);
    return copy(request);
  }
}
