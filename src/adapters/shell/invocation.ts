import { type Invocation, shellIdentity } from "../../core/kernel/invocation.js";

/** Shell users are named locally (`--as sam`); their chat identity is `shell:<name>`. */
export function shellInvocation(text: string, user: string): Invocation {
  return {
    text,
    actor: { id: shellIdentity(user), displayName: user },
    channel: { id: "shell" },
    platform: "shell",
  };
}

export const SHELL_NAME = /^[A-Za-z0-9._-]{1,64}$/;
