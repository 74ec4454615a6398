/**
 * The life of an approval request's card. Posted with a reason box and Approve / Deny as
 * Action.Execute carrying the request id (so a card only ever decides its own request) and a
 * `refresh` action, so a client showing an old copy asks for the current one. After a vote that
 * leaves it pending it shows who approved so far; once decided it shows what was asked, who decided
 * and the outcome, with the buttons and the refresh gone.
 */
import type { Block, Reply } from "../../core/kernel/reply.js";
import {
  type AdaptiveCard,
  type CardElement,
  PAGE_VERBS,
  renderCard,
  withConfirmStep,
} from "./adaptive-card.js";
import { teamsPeople } from "./people.js";

/** The Input.Text whose value comes back in the Deny action's data. */
const REASON_INPUT = "reason";
export const REASON_MAX = 500;

/** `view` with a note on top: what only the person who clicked needs to know (a refusal, "already decided"). */
export function withNote(note: Reply, view: Reply): Reply {
  const head: Block[] = note.title ? [{ type: "text", text: note.title, tone: note.tone }] : [];
  const blocks = note.blocks.filter((b) => b.type !== "actions");
  return { ...view, blocks: [...head, ...blocks, ...view.blocks] };
}

/**
 * Renders a view of `requestId`: its buttons become Action.Execute with the request id as data, next
 * to the reason box Deny reads; a card with buttons also gets the refresh action.
 */
export function approvalCard(view: Reply, requestId: string): AdaptiveCard {
  let buttons = false;
  const card = renderCard(view, {
    actions: (block) => {
      buttons = true;
      return block.actions.map((a) =>
        withConfirmStep(a, {
          type: "Action.Execute",
          title: a.label,
          verb: a.id,
          // Previous/Next carry the page command; Approve/Deny only the request id.
          data: PAGE_VERBS.has(a.id) ? { value: a.value } : { requestId },
          ...(a.style ? { style: a.style === "primary" ? "positive" : "destructive" } : {}),
        }),
      );
    },
  });
  if (!buttons) return card;
  // Before the buttons, not before a details block's "More" toggle (also an ActionSet).
  const at = card.body.findIndex(
    (e) =>
      e.type === "ActionSet" &&
      Array.isArray(e.actions) &&
      e.actions.some((a: { type?: unknown }) => a.type === "Action.Execute"),
  );
  card.body.splice(at, 0, reasonInput());
  // Universal Actions refresh automatically only for the users listed (at most 60): the Teams people
  // Switchboard has seen most recently, who are the ones working these requests. Anyone else still
  // gets the current card when they click, since every click answers with it.
  const userIds = teamsPeople.recentUserIds();
  return {
    ...card,
    refresh: {
      action: { type: "Action.Execute", verb: "refresh", data: { requestId } },
      ...(userIds.length ? { userIds } : {}),
    },
  };
}

function reasonInput(): CardElement {
  return {
    type: "Input.Text",
    id: REASON_INPUT,
    placeholder: "Reason for a denial (optional, recorded in the audit log)",
    isMultiline: true,
    maxLength: REASON_MAX,
  };
}
