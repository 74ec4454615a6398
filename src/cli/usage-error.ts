/** A mistake on the `switchboard` command line (not a chat command): exit code 2 and a hint. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}
