/** Builds dist/ when any file under src/ is newer than the last build; true when it built. */
export function build(options?: { force?: boolean }): boolean;
