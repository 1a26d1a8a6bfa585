// The mail intake's shapes on the contract: the lead's IMAP settings and mailbox status, the mails
// from unknown senders (each now its own ticket), and attachments.
import { z } from 'zod';
import { epochMs, id } from './domain';

export const imapSecurity = z.enum(['tls', 'starttls', 'none']);

/** What each mail became (mail_inbound.outcome); `unknown_sender`: a ticket with no customer yet. */
export const mailOutcome = z.enum(['ticket', 'message', 'unknown_sender', 'skipped', 'failed']);
export type MailOutcomeId = z.infer<typeof mailOutcome>;

const host = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'must be a host name or an IP address');

export const imapSettingsInput = z
  .object({
    enabled: z.boolean(),
    host,
    port: z.number().int().min(1).max(65_535),
    security: imapSecurity,
    user: z.string().trim().min(1, 'must not be empty').max(254),
    /** Absent: keep the stored password. */
    password: z.string().min(1, 'must not be empty').max(1_000).optional(),
    mailbox: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(200)
      // eslint-disable-next-line no-control-regex
      .regex(/^[^\u0000-\u001f\u007f*%]+$/, 'must not hold control characters, * or %'),
    pollSeconds: z.number().int().min(10).max(3_600),
  })
  .strict();
export type ImapSettingsInput = z.infer<typeof imapSettingsInput>;

export const mailInboundItem = z.object({
  id,
  receivedAt: epochMs,
  from: z.string().nullable(),
  fromName: z.string().nullable(),
  subject: z.string(),
  size: z.number().int().nonnegative(),
  outcome: mailOutcome,
  /** Codes, space-separated: auto_submitted, answer_rate_limited, too_large, unknown_charset, … */
  notes: z.array(z.string()),
  ticketId: id.nullable(),
});
export type MailInboundItem = z.infer<typeof mailInboundItem>;

export const imapStatus = z.object({
  // As stored: empty until a lead fills it in, so not held to the input's rules.
  settings: z.object({
    enabled: z.boolean(),
    host: z.string(),
    port: z.number().int(),
    security: imapSecurity,
    user: z.string(),
    mailbox: z.string(),
    pollSeconds: z.number().int(),
    hasPassword: z.boolean(),
    /** Where the key that seals the password lives (safeStorage, a key file). */
    keeper: z.string(),
  }),
  mailbox: z.object({
    uidValidity: z.number().int().nullable(),
    lastUid: z.number().int().nonnegative(),
    lastCheckAt: epochMs.nullable(),
    lastSuccessAt: epochMs.nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: epochMs.nullable(),
  }),
  counts: z.record(mailOutcome, z.number().int().nonnegative()),
  recent: z.array(mailInboundItem),
});
export type ImapStatus = z.infer<typeof imapStatus>;

export const imapTestResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    messages: z.number().int().nonnegative(),
    /** Mails above the last one taken in: what the worker reads next. */
    unread: z.number().int().nonnegative(),
    idle: z.boolean(),
  }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type ImapTestResult = z.infer<typeof imapTestResult>;

export const mailAttachmentInfo = z.object({
  id,
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
});
export type MailAttachmentInfo = z.infer<typeof mailAttachmentInfo>;

/** On a message that came by mail: who sent it (not always the ticket's customer) and its files. */
export const messageMail = z.object({
  from: z.string().nullable(),
  fromName: z.string().nullable(),
  attachments: z.array(mailAttachmentInfo),
});

export const mailAttachment = mailAttachmentInfo.extend({ base64: z.string() });
