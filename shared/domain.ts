// The vocabulary shared by the main process and the renderer. Every value that crosses the
// contract is described here once, as a zod schema, and its TypeScript type is inferred from it.
import { z } from 'zod';
import { channelIds, messageKinds, phoneTools, priorities, roleIds, ticketStatuses } from './vocabulary';

export { channelIds, messageKinds, phoneTools, priorities, roleIds, ticketStatuses };

/** Epoch milliseconds (UTC). Every timestamp in the system is one of these. */
export const epochMs = z.number().int().nonnegative();
export type EpochMs = z.infer<typeof epochMs>;

export const id = z.number().int().positive();

/**
 * Channels are fixed by the product (each has behaviour: quota, scheduling); which plans may use them
 * and when they are open is data in the rule set. Blog comments are not a support channel a
 * customer chooses, but they spend Free quota and arrive in the queue, so they are tracked like one.
 */
export const channelId = z.enum(channelIds);
export type ChannelId = z.infer<typeof channelId>;

export const roleId = z.enum(roleIds);
export type RoleId = z.infer<typeof roleId>;

export const ticketStatus = z.enum(ticketStatuses);
export type TicketStatus = z.infer<typeof ticketStatus>;
/** Work that is still the team's to do: not solved, not closed. */
export const openWorkStatuses: readonly TicketStatus[] = ['new', 'open', 'waiting_customer'];

export const priority = z.enum(priorities);
export type Priority = z.infer<typeof priority>;

export const messageKind = z.enum(messageKinds);
export type MessageKind = z.infer<typeof messageKind>;

export const phoneTool = z.enum(phoneTools);
export type PhoneTool = z.infer<typeof phoneTool>;

export const planId = z.string().min(1).max(64);
export const email = z.email().max(254);

// Building an Intl.DateTimeFormat costs ~0.2 ms, and the rules engine checks a zone on every
// decision, so each zone is checked once per process.
const knownZones = new Set<string>();

/** An IANA zone name that luxon/Intl accepts. */
export const zoneName = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    if (knownZones.has(zone)) return true;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
    } catch {
      return false;
    }
    knownZones.add(zone);
    return true;
  }, 'is not a known IANA time zone');

// ---------------------------------------------------------------------------------------------
// Rules engine inputs and outputs

/** What the rules engine needs to know about a customer. */
export const ruleCustomer = z.object({
  planId,
  accountEmail: email,
  zone: zoneName.nullable(),
});
export type RuleCustomer = z.infer<typeof ruleCustomer>;

/**
 * What the customer has already consumed. `quotaUsed` counts every quota message the customer
 * produced or received while on a plan the quota applies to (their whole history there).
 * `quotaReserved` counts the messages kept for answers: one for every accepted question that has
 * no answer yet, so later questions and comments cannot take the room its answer needs.
 * `ticketReserved` is, for a staff answer, how many of those reservations belong to the ticket it
 * answers: the answer may spend one of them, and releases them all.
 */
export const ruleUsage = z.object({
  quotaUsed: z.number().int().nonnegative(),
  quotaReserved: z.number().int().nonnegative(),
  ticketReserved: z.number().int().nonnegative().optional(),
});
export type RuleUsage = z.infer<typeof ruleUsage>;

/** An incoming item to decide on. */
export const intake = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('topic_question') }),
  z.object({ kind: z.literal('blog_comment') }),
  z.object({ kind: z.literal('email') }),
  z.object({ kind: z.literal('chat') }),
  z.object({
    kind: z.literal('call_request'),
    questions: z.array(z.string()),
    contactEmail: z.string(),
    tool: z.string(),
  }),
  z.object({ kind: z.literal('staff_answer'), channel: channelId }),
]);
export type Intake = z.infer<typeof intake>;
export type IntakeKind = Intake['kind'];

/**
 * A quota balance: `used + reserved + remaining = limit`. `reserved` is kept for the answers of
 * accepted, unanswered questions; `remaining` is what a new question or comment may spend.
 */
export const quota = z.object({
  used: z.number().int().nonnegative(),
  // Decisions stored before reservations existed have none.
  reserved: z.number().int().nonnegative().default(0),
  limit: z.number().int().nonnegative(),
  remaining: z.number().int().nonnegative(),
});
export type Quota = z.infer<typeof quota>;

/** Days of the week, Monday first, as rule sets and opening hours name them. */
export const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof weekday>;

/**
 * A channel's opening hours as data, for each screen to write in its own language (the core's
 * English description is for exports and logs; nothing reads it back). Windows are in the zone's
 * wall time; consecutive days with the same hours share a window's `days`; a `to` at or before its
 * `from` runs past midnight, "24:00" is midnight at the end of the day.
 */
export const openingHours = z.object({
  zone: z.string(),
  /**
   * The hours are stated in GMT (a zone that reads as GMT all year, and not open around the clock):
   * the rules and the customers speak GMT, so GMT goes beside the viewer's times.
   */
  gmt: z.boolean(),
  /** Open around the clock every day (holidays aside). */
  alwaysOpen: z.boolean(),
  windows: z.array(
    z.object({
      days: z.array(weekday).min(1),
      from: z.string().regex(/^\d{2}:\d{2}$/),
      to: z.string().regex(/^\d{2}:\d{2}$/),
    }),
  ),
  /** Closed on the channel's holidays. */
  exceptHolidays: z.boolean(),
  /** Minutes open on every day it opens when those are all the same (1440 around the clock); else null. */
  openDayMinutes: z.number().int().positive().nullable(),
});
export type OpeningHours = z.infer<typeof openingHours>;

/** Something the customer can use instead of what was refused. */
export const alternative = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('channel'),
    channel: channelId,
    name: z.string(),
    /** English, for exports and e-mails; screens format `openingHours`. */
    hours: z.string(),
    openingHours,
  }),
  z.object({ kind: z.literal('upgrade'), planIds: z.array(planId), planNames: z.array(z.string()) }),
  z.object({ kind: z.literal('community'), name: z.string(), url: z.string() }),
]);
export type Alternative = z.infer<typeof alternative>;

/**
 * A readable reason. `text` is the English sentence an agent can read to the customer; `code` and
 * `params` let the renderer render it in another language.
 */
export const reason = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  text: z.string(),
});
export type Reason = z.infer<typeof reason>;

export const decision = z.object({
  /**
   * `undecided`: nobody is known to decide for (mail from an address no customer has): the item is
   * taken in for staff to read and answer, and decided when it is linked to a customer.
   */
  outcome: z.enum(['accept', 'refuse', 'undecided']),
  reason,
  /** Ids of the rules (from the rule set) that this decision used. */
  ruleIds: z.array(z.string()),
  alternatives: z.array(alternative),
  /** Whether this item spends a quota message, and the balance before and after it. */
  quota: z.object({ counts: z.boolean(), before: quota, after: quota }).nullable(),
  /** The channel's calendar at decision time: accepted items outside hours wait for the opening. */
  openNow: z.boolean(),
  nextOpen: epochMs.nullable(),
});
export type Decision = z.infer<typeof decision>;
/** What the rules engine (`admit`) decides for a known customer: never `undecided`. */
export type AdmitDecision = Decision & { outcome: 'accept' | 'refuse' };

export const channelEntitlement = z.object({
  channel: channelId,
  name: z.string(),
  allowed: z.boolean(),
  reason,
  ruleIds: z.array(z.string()),
  openNow: z.boolean(),
  /** The next opening (now when open); null when the channel never opens. */
  nextOpen: epochMs.nullable(),
  /** e.g. "Mon–Fri 06:00–18:00 GMT": English, for exports and logs; screens format `openingHours`. */
  hours: z.string(),
  openingHours,
  /** The quota this channel spends, when one applies to the customer's plan. */
  quota: quota.nullable(),
});
export type ChannelEntitlement = z.infer<typeof channelEntitlement>;

export const entitlements = z.object({
  planId,
  planName: z.string(),
  paid: z.boolean(),
  express: z.boolean(),
  channels: z.array(channelEntitlement),
  quota: quota.nullable(),
  personalManager: z.object({ entitled: z.boolean(), reason, ruleIds: z.array(z.string()) }),
  community: z.object({ name: z.string(), url: z.string() }),
  ruleSetVersion: z.string(),
});
export type Entitlements = z.infer<typeof entitlements>;
