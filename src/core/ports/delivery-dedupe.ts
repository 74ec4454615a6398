/**
 * Exactly-once handling of chat deliveries across retries and replicas. Platforms redeliver what
 * they think was not acknowledged (Slack's `x-slack-retry-num`), and with several replicas a retry
 * may land on another process: the claim is decided by the database, not by memory.
 */
export interface DeliveryDedupe {
  /** True for the first claim of `key` (go ahead), false for every later one (already handled). */
  claim(key: string): Promise<boolean>;
}
