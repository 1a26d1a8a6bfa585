// The website's intake endpoint (#11): what the website posts (topic questions, blog comments, call
// requests), how it signs them, and what it hears back. docs/WEBSITE-INTAKE.md is the website
// developer's guide to the same; scripts/website-post.mjs signs and sends one.
import { z } from 'zod';
import { epochMs, id, reason } from './domain';

/** Where the website posts, on serve mode's server and on the team server. */
export const WEBSITE_POSTS_PATH = '/api/website/v1/posts';

/** The request's time, Unix seconds; part of what is signed, so a captured request cannot be replayed later. */
export const TIMESTAMP_HEADER = 'x-support-timestamp';
/** `v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>" under the shared secret>`. */
export const SIGNATURE_HEADER = 'x-support-signature';
/** The website's own id for this post: sent twice, it makes one message and gets the same answer. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Set on an answer that repeats the stored answer to an earlier identical post. */
export const REPLAYED_HEADER = 'idempotent-replayed';

/** How far the request's timestamp may be from the console's clock, either way. */
export const TIMESTAMP_TOLERANCE_SECONDS = 300;
/** How long a rotated-out secret still signs valid requests, so the website can switch without a gap. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;
/** The largest post body the endpoint reads. */
export const MAX_POST_BYTES = 256 * 1024;

export const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,128}$/, 'must be 8 to 128 letters, digits or . _ : -');

export const websiteLanguages = ['en', 'fr'] as const;
export const websiteLanguage = z.enum(websiteLanguages);
export type WebsiteLanguage = z.infer<typeof websiteLanguage>;

const line = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const body = line(20_000);
const customer = z.object({ accountEmail: z.email().max(254) }).strict();
const pageUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const websitePost = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('topic_question'),
      language: websiteLanguage,
      customer,
      subject: line(200),
      body,
      /** The topic's page on the website, kept with the message for the agent. */
      topicUrl: pageUrl.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('blog_comment'),
      language: websiteLanguage,
      customer,
      postTitle: line(180),
      postUrl: pageUrl,
      body,
    })
    .strict(),
  z
    .object({
      kind: z.literal('call_request'),
      language: websiteLanguage,
      customer,
      subject: line(200).optional(),
      /** Sent in advance, as the rules require; admit refuses a request without enough of them. */
      questions: z.array(z.string().max(2000)).max(50),
      contactEmail: z.string().trim().max(254),
      tool: z.string().trim().max(40),
    })
    .strict(),
]);
export type WebsitePost = z.infer<typeof websitePost>;
export type WebsitePostKind = WebsitePost['kind'];

/** The decision as data (the reason's code and params) and the sentence the customer is shown. */
export const websiteAnswer = z.object({
  postId: id,
  ticketId: id,
  outcome: z.enum(['accept', 'refuse']),
  reason: z.object({
    code: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
  language: websiteLanguage,
  /** What the website shows the customer, written by the console in the post's language. */
  customerText: z.string(),
  receivedAt: epochMs,
});
export type WebsiteAnswer = z.infer<typeof websiteAnswer>;

/** Every refusal of a request, before anything was written: the HTTP status and what went wrong. */
export const websiteErrorCodes = {
  /** The channel is switched off (or has no secret yet). */
  website_disabled: 404,
  unsupported_media_type: 415,
  body_too_large: 413,
  /** The timestamp or signature header is missing or malformed, or the signature does not match. */
  signature_invalid: 401,
  /** The timestamp is outside the tolerance window: a late or replayed request. */
  timestamp_out_of_window: 401,
  idempotency_key_invalid: 400,
  invalid_json: 400,
  invalid_post: 400,
  /** No customer account has the post's e-mail address. */
  customer_unknown: 422,
  /** The idempotency key was used before with a different body. */
  idempotency_key_reused: 409,
  internal: 500,
} as const;
export type WebsiteErrorCode = keyof typeof websiteErrorCodes;

export const websiteError = z.object({
  code: z.enum(Object.keys(websiteErrorCodes) as [WebsiteErrorCode, ...WebsiteErrorCode[]]),
  message: z.string(),
  field: z.string().optional(),
});

export const websiteResponse = z.union([
  z.object({ ok: z.literal(true), replayed: z.boolean(), value: websiteAnswer }),
  z.object({ ok: z.literal(false), error: websiteError }),
]);
export type WebsiteResponse = z.infer<typeof websiteResponse>;

// ---------------------------------------------------------------------------------------------
// The lead's settings (contract methods channels.website.*)

export const websiteSettings = z.object({
  enabled: z.boolean(),
  hasSecret: z.boolean(),
  secretCreatedAt: epochMs.nullable(),
  /** Until when the secret before the last rotation still signs valid requests; null when none does. */
  previousValidUntil: epochMs.nullable(),
  /** Where the key that seals the secret lives (the OS keystore, a key file). */
  sealedBy: z.string(),
  endpointPath: z.literal(WEBSITE_POSTS_PATH),
  headers: z.object({
    timestamp: z.literal(TIMESTAMP_HEADER),
    signature: z.literal(SIGNATURE_HEADER),
    idempotencyKey: z.literal(IDEMPOTENCY_HEADER),
  }),
  timestampToleranceSeconds: z.number().int().positive(),
});
export type WebsiteSettings = z.infer<typeof websiteSettings>;

export const websiteRecentPost = z.object({
  postId: id,
  receivedAt: epochMs,
  kind: z.enum(['topic_question', 'blog_comment', 'call_request']),
  language: websiteLanguage,
  customerId: id,
  customerName: z.string(),
  ticketId: id,
  outcome: z.enum(['accept', 'refuse']),
  /** admit's reason as the ticket keeps it (code, params, the engine's English sentence). */
  reason,
});

export const websiteRejection = z.object({
  id,
  at: epochMs,
  status: z.number().int(),
  code: websiteError.shape.code,
  message: z.string(),
});

export const websiteRecent = z.object({
  posts: z.array(websiteRecentPost),
  rejections: z.array(websiteRejection),
});
export type WebsiteRecent = z.infer<typeof websiteRecent>;

export const websiteTestInput = z
  .object({
    kind: z.enum(['topic_question', 'blog_comment', 'call_request']),
    accountEmail: z.email().max(254),
    language: websiteLanguage,
  })
  .strict();

/** A test post signed with the current secret and put through the endpoint's checks; nothing is written. */
export const websiteTestResult = z.union([
  z.object({
    ok: z.literal(true),
    outcome: z.enum(['accept', 'refuse']),
    reason: websiteAnswer.shape.reason,
    customerText: z.string(),
  }),
  z.object({ ok: z.literal(false), status: z.number().int(), error: websiteError }),
]);
export type WebsiteTestResult = z.infer<typeof websiteTestResult>;
