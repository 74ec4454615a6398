/**
 * Slack's side of automap: the caller's profile email from users.info, which Slack shares only with
 * the users:read.email scope, and only when Slack says the address is confirmed.
 */
import type { webApi } from "@slack/bolt";
import type { VerifiedEmailLookup } from "../../core/kernel/invocation.js";
import type { Logger } from "../../core/kernel/logger.js";
import { describeSlackFailure } from "./slack-call.js";

export function slackEmailLookup(
  client: webApi.WebClient,
  userId: string,
  logger: Logger,
): VerifiedEmailLookup {
  return {
    async verifiedEmail() {
      let user: Awaited<ReturnType<typeof client.users.info>>["user"];
      try {
        user = (await client.users.info({ user: userId })).user;
      } catch (e) {
        const failure = describeSlackFailure(e);
        logger.warn({ slackMethod: "users.info", ...failure }, "slack call failed");
        return {
          email: null,
          why:
            failure.error === "missing_scope"
              ? "the Slack app may not read emails (it lacks the users:read.email scope; reinstall it from manifest.yml)"
              : `Slack did not answer users.info (${failure.error})`,
        };
      }
      const email = user?.profile?.email;
      if (!email) {
        return {
          email: null,
          why: "Slack shared no email address for you (the app needs the users:read.email scope)",
        };
      }
      if (user?.is_email_confirmed === false) {
        return { email: null, why: `Slack has not confirmed your email address ${email}` };
      }
      return { email };
    },
  };
}
