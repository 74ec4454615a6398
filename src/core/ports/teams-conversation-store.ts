/** How a Teams conversation is reached for proactive posts (Bot Framework's conversation reference). */
export interface TeamsConversationRef {
  conversationId: string;
  serviceUrl: string;
  tenantId?: string;
}

/**
 * Teams conversation references that outlive the process, so an alert reaches a watching
 * conversation after a restart before anyone there writes to the bot again.
 */
export interface TeamsConversationStore {
  /** Inserts or replaces the reference for its conversation. */
  save(ref: TeamsConversationRef): Promise<void>;
  find(conversationId: string): Promise<TeamsConversationRef | null>;
}
