/**
 * Waits until an app has no background work in flight. Gives up loudly: a test that goes on after
 * work that never finished would assert on a half-done state and pass or fail for the wrong reason.
 */
export async function waitUntilIdle(what: string, inFlight: () => number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (inFlight() > 0) {
    if (Date.now() >= deadline)
      throw new Error(`${what} still had ${inFlight()} task(s) in flight after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
