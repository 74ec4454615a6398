/**
 * A UUID in any case: Genesys ids, conversation context ids and Microsoft GUIDs (tenant, app and
 * AAD object ids). One pattern, so the places that recognise an id cannot drift apart.
 */
export const UUID_SOURCE = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

export const UUID = new RegExp(`^${UUID_SOURCE}$`);

export function isUuid(s: string): boolean {
  return UUID.test(s.trim());
}
