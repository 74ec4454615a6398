/**
 * The control channel's constants, apart from its routes (zod): `switchboard sim event` needs only
 * these, and its usage errors should not pay for the schema.
 */
export const CONTROL_PREFIX = "/_control/";
export const CAMPAIGN_EVENT_PATH = `${CONTROL_PREFIX}campaign-event`;

/** Campaign statuses Genesys has (`Campaign.campaignStatus`). */
export const CAMPAIGN_STATUSES = [
  "on",
  "stopping",
  "off",
  "complete",
  "invalid",
  "forced_off",
  "forced_stopping",
] as const;
