/** The chat identities an admin may map, validated so a typo cannot create a mapping nobody matches. */
import { SHELL_NAME } from "../adapters/shell/invocation.js";
import { shellIdentity } from "../core/kernel/invocation.js";
import type { ChatIdentity } from "../core/kernel/model.js";
import { UUID_SOURCE } from "../core/kernel/uuid.js";
import { UsageError } from "./usage-error.js";

const SLACK = /^slack:[TE][A-Z0-9]{2,}:[UW][A-Z0-9]{2,}$/;
const TEAMS = new RegExp(`^teams:${UUID_SOURCE}:${UUID_SOURCE}$`);
const FORMS =
  "slack:<team>:<user> (slack:T024BE7LD:U012AB3CD), teams:<tenant-id>:<aad-object-id>, shell:<name>, or a bare shell name";

/** `sam` → `shell:sam`; platform-qualified identities are checked against their platform's shape. */
export function parseChatIdentity(text: string): ChatIdentity {
  const value = text.trim();
  if (!value.includes(":")) {
    if (SHELL_NAME.test(value)) return shellIdentity(value);
    throw new UsageError(`"${value}" is not a chat identity.`, `Use ${FORMS}.`);
  }
  const [platform = ""] = value.split(":");
  if (platform === "shell" && SHELL_NAME.test(value.slice("shell:".length))) return value;
  if (platform === "slack" && SLACK.test(value)) return value;
  // The Teams adapter lower-cases GUIDs; a mapping typed in upper case must still match.
  if (platform === "teams" && TEAMS.test(value)) return value.toLowerCase();
  const why =
    platform === "slack"
      ? "Slack identities are slack:<team id>:<user id>, both upper case as Slack shows them"
      : platform === "teams"
        ? "Teams identities are teams:<tenant id>:<AAD object id>, both GUIDs"
        : platform === "shell"
          ? "shell names are letters, digits, . _ - (up to 64)"
          : `unknown platform "${platform}"`;
  throw new UsageError(`"${value}" is not a valid chat identity: ${why}.`, `Use ${FORMS}.`);
}
