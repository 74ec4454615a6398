/**
 * What campaign watch and `why … dialing` read from Genesys, in the core's terms (the genesys layer
 * maps the SDK's CampaignDiagnostics, CampaignRule and CampaignSchedule onto these).
 */

interface CampaignErrorDetail {
  error: string;
  details?: string;
}

export interface CampaignDiagnostics {
  totalContacts: number;
  contactsCalled: number;
  /** Contacts neither called nor callable (DNC, rule sets, callable times…). */
  filteredOutContacts: number;
  idleAgents: number;
  queue: { id: string; name: string; usersOnQueue: number } | null;
  ruleSetWarnings: { ruleSet: string; warnings: string[] }[];
  errors: CampaignErrorDetail[];
}

export interface CampaignRuleInfo {
  id: string;
  name: string;
  enabled: boolean;
  /** Campaign ids the rule acts on. */
  campaignIds: string[];
  actionTypes: string[];
  /** `campaignProgress greaterThan 80`. */
  conditions: string[];
}

export interface CampaignScheduleInfo {
  campaignId: string;
  intervals: { start: string; end: string }[];
  timeZone: string;
}

/** Reads campaign watch needs, bound to one org (the org client implements it). */
export interface CampaignWatchReads {
  getDiagnostics(campaignId: string): Promise<CampaignDiagnostics>;
  listCampaignRules(): Promise<CampaignRuleInfo[]>;
  /** The campaign's schedule, or null when it has none. */
  getCampaignSchedule(campaignId: string): Promise<CampaignScheduleInfo | null>;
}

/** Callable contacts left: what is neither called nor filtered out. */
export function callableContacts(d: CampaignDiagnostics): number {
  return Math.max(0, d.totalContacts - d.contactsCalled - d.filteredOutContacts);
}
