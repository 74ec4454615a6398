/**
 * Forum advice about Genesys Cloud that is simply wrong (genesys-cloud-facts.md, "Common wrong
 * advice" and "OAuth"), recognised in pasted prose so `explain` can say what is true instead.
 * People paste whole threads, so every myth is looked for in every sentence, each phrased many
 * ways; a sentence that states the truth ("scopes do not apply to client credentials") is left alone.
 */
import { sentencesOf } from "./sentences.js";

interface Myth {
  id: string;
  /** The claim as people repeat it (shown when the paste's own sentence is not at hand). */
  claim: string;
  /** What is true instead. */
  truth: string;
  /**
   * A sentence repeats the myth when it matches any alternative; an alternative that is a list
   * needs every pattern in the same sentence (wording varies, the ingredients do not).
   */
  when: readonly (RegExp | readonly RegExp[])[];
  /** A sentence matching this states the truth (or denies the myth): not a claim to correct. */
  unless?: RegExp;
}

/** A myth found in a paste, with the sentence that repeats it. */
export interface MythFound {
  myth: Myth;
  /** The paste's own sentence, shortened around the claim. */
  quote: string;
}

// Ingredients shared by several myths.
const ORGS =
  /\b(?:orgs|organi[sz]ations|tenants|sub-?orgs|(?:other|another|different|second|each|every|both|child|sister)\s+(?:orgs?|organi[sz]ations?|tenants?)|between\s+(?:orgs?|tenants?))\b/i;
const SCOPE = /\bscopes?\b/i;
const PERMISSION_STRING = /\b[a-z][\w-]*:[a-z*][\w*-]*:[a-z*][\w*-]*\b/i;
const CLIENT_CREDENTIALS = /client[\s_-]?credentials?/i;

const MYTHS: readonly Myth[] = [
  {
    id: "password-grant",
    claim: "use the resource-owner password grant",
    truth:
      "Genesys Cloud has no resource-owner password grant: a server integration uses the client-credentials grant (POST https://login.<env>/oauth/token with HTTP Basic client id:secret); for a user's context use the code or PKCE grant.",
    when: [
      /grant_type\s*[=:]\s*["']?password/i,
      /\bpassword\s+(?:grant|flow)\b/i,
      /\bresource[\s-]owner\b/i,
      /\bROPC\b/,
      [
        /\b(?:user\s?name|login|e-?mail)\b/i,
        /\bpassword\b/i,
        /\b(?:oauth|access token|get (?:a|the) token|grant)\b/i,
      ],
    ],
    unless:
      /\bno\s+(?:resource[\s-]owner\s+)?password\s+(?:grant|flow)|password\s+(?:grant|flow)\s+(?:is\s+not|isn't|does\s*n[o']t|doesn't)|(?:not|never|n't)\s+(?:support\w*|offer\w*|have|exist\w*)\s+(?:a|the|any)?\s*(?:resource[\s-]owner|password)/i,
  },
  {
    id: "call-write-scope",
    claim: "the outbound:call:write scope",
    truth:
      "There is no outbound:call:write scope or permission: dialer calls come from campaigns, started and stopped with outbound:campaign:start/stop (or edit) held by a role.",
    when: [/\boutbound:calls?:write\b/i],
  },
  {
    id: "client-credentials-scopes",
    claim: "give the client-credentials client scopes",
    truth:
      "Scopes apply only to code, PKCE and implicit clients. A client-credentials client gets roles, each granted in divisions (roleDivisions), so a 403 on its token is about role permissions × divisions, never scopes; strings like outbound:campaign:edit are permissions a role holds, not scopes.",
    when: [
      [CLIENT_CREDENTIALS, SCOPE],
      [SCOPE, PERMISSION_STRING],
      /invalid_scope/i,
      [SCOPE, /\b(?:403|forbidden|permission|not authori[sz]ed)\b/i],
      [
        /\b(?:add|grant|give|assign|enable|tick|check|select|include|missing|lacks?)\w*\b/i,
        /\bthe\s+\w+(?::\w+)?\s+scope\b/i,
      ],
    ],
    unless:
      /scopes?\s+(?:do(?:es)?\s*n[o']t|don't|doesn't|never|only)\s+(?:\w+\s+)?appl|(?:not|never|n't)\s+(?:about|use|using|need|needs|have)\s+(?:any\s+)?scopes|\bno\s+scopes\b|scopes?\s+(?:are|is)\s+(?:ignored|not\s+used|irrelevant)|scopes?\s+apply\s+only/i,
  },
  {
    id: "client-shared-across-orgs",
    claim: "one OAuth client shared across several orgs",
    truth:
      "An OAuth client and its tokens belong to exactly one Genesys Cloud org: many orgs means one OAuth client (with its own id and secret) created in each org, which is how Switchboard links them (org link, one per org).",
    when: [
      [
        /\b(?:same|one|single|shared?|common|reus\w*|re-us\w*|global|master)\s+(?:\w+\s+){0,2}?(?:oauth\s+)?(?:client|credentials?|integration|client[\s_-]?id|app)\b/i,
        ORGS,
      ],
      [
        /\b(?:client|credentials|integration|client[\s_-]?id)\b[^.]{0,60}?\b(?:(?:shared|reused)\s+(?:across|between|by|among|with)|(?:works?|used|valid|usable)\s+(?:across|between|in|for|with)\s+(?:all|both|every|each|several|multiple|many|other|another|different|our|\d+|two|three|four|five))\b/i,
        ORGS,
      ],
      [
        /\b(?:share|reuse|re-use)\s+(?:\w+\s+){0,3}?(?:client|credentials|integration|client[\s_-]?id)\b/i,
        ORGS,
      ],
    ],
    unless:
      /\b(?:its\s+own|their\s+own|separate|(?:client|integration|credentials)\s+per[\s-]org|one\s+(?:\w+\s+)?(?:client|integration)\s+(?:per|for\s+each|in\s+each)|each\s+org(?:ani[sz]ation)?\s+(?:has|needs|gets|must)|belongs?\s+to\s+(?:exactly\s+)?one|cannot\s+be\s+shared|can't\s+be\s+shared)\b/i,
  },
  {
    id: "status-by-post",
    claim: "POST /api/v2/outbound/campaigns to change a campaign's status",
    truth:
      "POST /api/v2/outbound/campaigns creates a new campaign, and PATCH cannot change campaignStatus. A campaign's status changes with POST /api/v2/outbound/campaigns/{id}/start or /stop (no body), or a PUT /api/v2/outbound/campaigns/{id} of the whole campaign with its current version.",
    when: [
      [
        /\bPOST\b[^\n]{0,40}?\/api\/v2\/outbound\/campaigns(?:\/(?!progress\b)[^\s/"'`?,;)]+)?(?![\w/{}<>:-])/i,
        /campaign_?status|\bstatus\b|\b(?:pause|stop|start|resume|turn(?:ing)?\s+(?:on|off)|switch(?:ing)?\s+(?:on|off)|deactivate|activate)\b/i,
      ],
      [/\bPATCH\b/, /campaign_?status/i],
      [/\bPOST\b/i, /\bcampaigns?\s+endpoint\b/i, /campaign_?status/i],
    ],
    unless:
      /\bcreates?\s+(?:a\s+)?(?:new\s+)?campaign|PATCH\s+(?:cannot|can't|does\s*n[o']t|won't)|\/(?:start|stop)\b/i,
  },
  {
    id: "token-on-api-host",
    claim: "request the token from https://api.<env>/oauth/token",
    truth:
      "The token endpoint is on the login host: POST https://login.<env>/oauth/token (login.mypurecloud.com, login.mypurecloud.ie, login.euw2.pure.cloud…). api.<env> serves /api/v2 and takes the bearer token; a token request sent there fails.",
    when: [
      /\bapi\.[\w<>{}$.-]+?(?:\/api\/v2)?\/oauth\/(?:token|authorize)\b/i,
      [
        /\btoken\b/i,
        /\b(?:from|to|against|at|on|via)\s+(?:the\s+)?(?:https?:\/\/)?api\.(?:mypurecloud|[a-z0-9]+\.pure\.cloud|[a-z0-9]+\.eusc-pure|\{|<|\$)[^\s/]*(?!\/api)/i,
        /\b(?:get|gets|getting|request\w*|fetch\w*|obtain\w*|generat\w*|endpoint|url)\b/i,
      ],
    ],
    unless: /\blogin\.(?:mypurecloud|[a-z0-9]+\.pure\.cloud|\{|<|\$|env)/i,
  },
  {
    id: "sdk-org-context",
    claim: "keep one SDK client and switch its org context per org",
    truth:
      "An SDK client holds one org's token; there is no org context to switch. Each org needs its own OAuth client and credentials: keep one SDK client per org (new platformClient.ApiClientClass()), each logged in with that org's client credentials.",
    when: [
      [
        /\b(?:sdk|api\s?client(?:class)?|platform\s?client|client\s+instance|purecloud-platform-client\S*|PureCloudPlatformClientV2|the\s+(?:java|python|node|\.net|go|javascript)\s+client)\b/i,
        /\b(?:context|switch\w*|swap\w*|toggl\w*)\b/i,
        /\b(?:orgs?|organi[sz]ations?|tenants?)\b/i,
      ],
      /\b(?:org|organi[sz]ation|tenant)\s+context\b|\bcontext\s+(?:per|for\s+each|of\s+the)\s+(?:org|organi[sz]ation|tenant)/i,
    ],
    unless:
      /\b(?:its\s+own|separate|new|another)\s+(?:sdk\s+|api\s?)?(?:client|instance)|\bone\s+(?:sdk\s+|api\s?)?(?:client|instance)\s+(?:per|for\s+each)|ApiClientClass\(\)|no\s+(?:org\s+)?context/i,
  },
  {
    id: "outbound-calls-endpoint",
    claim: "POST /api/v2/outbound/calls starts an outbound call",
    truth:
      "There is no /api/v2/outbound/calls endpoint: dialer calls come from campaigns (start/stop a campaign); an ad-hoc call is POST /api/v2/conversations/calls.",
    when: [/(?:\/|\b)(?:api\/v2\/)?outbound\/calls\b/i],
    unless: /\b(?:no|not\s+an?)\s+\/(?:api\/v2\/)?outbound\/calls\b/i,
  },
  {
    id: "organization-id-header",
    claim: "swap an Organization-Id header per tenant",
    truth:
      "There is no Organization-Id header: the token selects the org. Many orgs means one OAuth client (and token) per org, which is how Switchboard links them.",
    when: [
      /\bx-(?:org|organi[sz]ation|tenant)[-_]?id\b/i,
      /\borgani[sz]ation[-_]?id["']?\s*:\s*["']?[\w{<$-]/i,
      [/\b(?:org|organi[sz]ation|tenant)[\s_-]?id\b/i, /\bheaders?\b/i],
    ],
    unless:
      /\bno\s+(?:such\s+)?(?:x-)?(?:org|organi[sz]ation|tenant)[\s_-]?id\s+header|\bthere\s+is\s+no\s+(?:such\s+)?(?:\w+[\s-]){0,2}header|header\s+(?:does\s+not|doesn't)\s+exist/i,
  },
  {
    id: "personal-connection",
    claim: "Personal Connection",
    truth:
      '"Personal Connection" is a NICE CXone dialer term, not a Genesys Cloud feature: Genesys Cloud dials through outbound campaigns. Advice written for CXone does not apply.',
    when: [/\bpersonal\s+connection\b/i],
    unless:
      /\bpersonal\s+connection\b[^.]{0,40}\b(?:is|are)\s+(?:a\s+)?(?:NICE|CXone)|not\s+(?:a\s+)?genesys/i,
  },
  {
    id: "user-impersonation",
    claim: "client credentials with user impersonation via user_id",
    truth:
      "A client-credentials token has no user (GET /api/v2/users/me fails) and cannot impersonate one; for user context use the code/PKCE grant or a SAML2 bearer grant.",
    when: [
      /\bimpersonat\w*/i,
      [
        /\b(?:user_?id|on\s+behalf\s+of|as\s+(?:the|a|that)\s+(?:user|agent|supervisor)|act\s+as)\b/i,
        /client[\s_-]?credentials?|\btoken\b/i,
      ],
    ],
    unless:
      /\b(?:can\s*not|can't|cannot|no\s+way\s+to|not\s+possible\s+to|never)\s+(?:\w+\s+){0,2}impersonat|\bhas\s+no\s+user\b|\bno\s+user\s+context\b/i,
  },
  {
    id: "appfoundry-multi-tenant",
    claim: "AppFoundry manifest.json tenant: multi",
    truth:
      'There is no "tenant: multi" setting: a premium AppFoundry app is installed into each org and creates an OAuth client there, one per org.',
    when: [
      /["']?tenant["']?\s*[:=]\s*["']?multi/i,
      [/\b(?:manifest|appfoundry)\b/i, /\bmulti[\s-]?tenan\w*/i],
    ],
    unless: /\bno\s+["']?tenant|not\s+a\s+(?:thing|setting)/i,
  },
];

/** Every myth the text repeats, in table order, each with the first sentence that repeats it. */
export function mythsIn(text: string): MythFound[] {
  const sentences = sentencesOf(text);
  const found: MythFound[] = [];
  for (const myth of MYTHS) {
    const sentence = sentences.find((s) => repeats(myth, s));
    if (sentence !== undefined) found.push({ myth, quote: shorten(sentence, myth) });
  }
  return found;
}

function repeats(myth: Myth, sentence: string): boolean {
  if (myth.unless?.test(sentence)) return false;
  return myth.when.some((alt) =>
    alt instanceof RegExp ? alt.test(sentence) : alt.every((p) => p.test(sentence)),
  );
}

const QUOTE_MAX = 160;

/** A long sentence cut to the part around what matched. */
function shorten(sentence: string, myth: Myth): string {
  if (sentence.length <= QUOTE_MAX) return sentence;
  const first = myth.when.map((alt) => (alt instanceof RegExp ? alt : alt[0])).find((p) => p?.test(sentence));
  const at = first ? Math.max(0, (first.exec(sentence)?.index ?? 0) - 40) : 0;
  const start = Math.min(at, sentence.length - QUOTE_MAX);
  const end = start + QUOTE_MAX;
  return `${start > 0 ? "…" : ""}${sentence.slice(start, end).trim()}${end < sentence.length ? "…" : ""}`;
}
