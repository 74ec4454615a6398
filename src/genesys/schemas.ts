/**
 * zod schemas for the Genesys Cloud payloads we read. Deliberately lenient: objects are loose
 * (unknown fields kept, so a campaign can be PUT back whole) and only the fields Switchboard uses
 * are required, so Genesys adding or dropping an unrelated field never breaks a command.
 */
import { z } from "zod";

const entityRef = z.looseObject({ id: z.string(), name: z.string().optional() });

/** A paged listing: `{entities, total, pageCount, pageNumber, pageSize}`. */
function page<T extends z.ZodType>(entity: T) {
  return z.looseObject({
    entities: z.array(entity).default([]),
    total: z.number().optional(),
    pageCount: z.number().optional(),
    pageNumber: z.number().optional(),
    pageSize: z.number().optional(),
  });
}

export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
});

export const campaignSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  campaignStatus: z.string(),
  dialingMode: z.string().optional(),
  division: entityRef.optional(),
  version: z.number(),
  dateModified: z.string().optional(),
  contactList: entityRef.optional(),
  queue: entityRef.optional(),
});
export type CampaignJson = z.infer<typeof campaignSchema>;

export const campaignPageSchema = page(campaignSchema);

export const campaignProgressSchema = z.looseObject({
  campaign: entityRef.optional(),
  percentage: z.number().optional(),
  totalNumberOfContacts: z.number().optional(),
  numberOfContactsCalled: z.number().optional(),
});

export const campaignProgressListSchema = z.array(campaignProgressSchema);

export const campaignStatsSchema = z.looseObject({
  contactRate: z
    .looseObject({
      attempts: z.number().optional(),
      connects: z.number().optional(),
      connectRatio: z.number().optional(),
    })
    .optional(),
  idleAgents: z.number().optional(),
  outstandingCalls: z.number().optional(),
  scheduledCalls: z.number().optional(),
});

const roleDivisionSchema = z.looseObject({ roleId: z.string(), divisionId: z.string() });

const orgRef = z.looseObject({ id: z.string(), name: z.string().default("") });

export const tokenMeSchema = z.looseObject({
  organization: orgRef,
  homeOrganization: orgRef.optional(),
  OAuthClient: z
    .looseObject({
      id: z.string(),
      name: z.string().default(""),
      roleDivisions: z.array(roleDivisionSchema).default([]),
    })
    .optional(),
  dateTokenIdles: z.string().optional(),
});

export const organizationSchema = z.looseObject({
  id: z.string(),
  name: z.string().default(""),
  state: z.string().optional(),
});

export const oauthClientSchema = z.looseObject({
  id: z.string(),
  name: z.string().default(""),
  roleDivisions: z.array(roleDivisionSchema).default([]),
  accessTokenValiditySeconds: z.number().optional(),
  state: z.string().optional(),
});

export const roleSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  permissionPolicies: z
    .array(
      z.looseObject({
        domain: z.string(),
        entityName: z.string(),
        actionSet: z.array(z.string()).default([]),
      }),
    )
    .default([]),
});
export type RoleJson = z.infer<typeof roleSchema>;

export const rolePageSchema = page(roleSchema);

export const subjectSchema = z.looseObject({
  grants: z
    .array(
      z.looseObject({
        role: entityRef,
        division: entityRef,
      }),
    )
    .default([]),
});

export const divisionPageSchema = page(entityRef);

export const userSchema = z.looseObject({
  id: z.string(),
  name: z.string().default(""),
  email: z.string().default(""),
  /** "active" | "inactive" | "deleted"; search answers carry it. */
  state: z.string().optional(),
});

export const userSearchSchema = z.looseObject({
  total: z.number().optional(),
  results: z.array(userSchema).default([]),
});

/** For endpoints whose answer we do not read (start, stop). */
export const ignoredBodySchema = z.unknown().transform((): void => undefined);
