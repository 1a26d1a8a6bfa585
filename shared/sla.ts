// The SLA part of the contract: the response clock's explanation, the lead's review, rule set
// versions and pre-breach warnings. Kept beside contract.ts (which wires these schemas into methods
// and events) so the SLA vocabulary reads in one place.
//
// Units: every instant is epoch ms; every duration is in *business minutes* of the ticket's channel
// calendar (fractional when the events were not on whole minutes), except where a field says "wall".
import { z } from 'zod';
import { channelId, epochMs, id, openingHours, planId, type channelIds } from './domain';

const DAY_MS = 86_400_000;

export const slaPhase = z.enum(['first', 'next']);
export type SlaPhaseName = z.infer<typeof slaPhase>;

export const slaEventKind = z.enum(['arrival', 'customer_message', 'response', 'pause', 'resume', 'close']);

// ---------------------------------------------------------------------------------------------
// Rule set versions

export const ruleVersionSummary = z.object({
  /** 1, 2, …: the stored version number tickets point at. */
  version: z.number().int().positive(),
  /** `<rule set id>@<rule set version>`, as stored with every decision (e.g. "quintadb@2"). */
  label: z.string(),
  createdAt: epochMs,
  createdByName: z.string().nullable(),
  note: z.string(),
  /** The version new tickets are measured against now. */
  active: z.boolean(),
});
export type RuleVersionSummary = z.infer<typeof ruleVersionSummary>;

/** One SLA target as the rule set writes it (ids stay stable across versions). */
export const slaTargetRule = z.object({
  id: z.string().max(128),
  channel: channelId,
  plans: z.array(planId).max(50),
  firstResponseMinutes: z.number(),
  nextResponseMinutes: z.number(),
  note: z.string().max(2000).optional(),
});
export type SlaTargetRuleInput = z.infer<typeof slaTargetRule>;

/** Holiday dates (YYYY-MM-DD, in the channel calendar's zone) per channel. */
const holidayDates = z.array(z.string().max(10)).max(1000);

/**
 * A lead's holiday list: the calendar tolerates a date listed twice, but in an edit it is almost
 * certainly a slip for another date, so it is refused where the lead can still fix it.
 */
const editedHolidayDates = holidayDates.superRefine((dates, ctx) => {
  const first = new Map<string, number>();
  dates.forEach((date, i) => {
    const seen = first.get(date);
    if (seen === undefined) first.set(date, i);
    else ctx.addIssue({ code: 'custom', path: [i], message: `${date} is already listed (at ${seen})` });
  });
});
export const channelHolidays = z.object({
  topic: holidayDates,
  email: holidayDates,
  chat: holidayDates,
  phone: holidayDates,
  blog_comment: holidayDates,
} satisfies Record<(typeof channelIds)[number], typeof holidayDates>);

export const slaRules = z.object({
  version: z.number().int().positive(),
  label: z.string(),
  active: z.boolean(),
  targets: z.array(slaTargetRule),
  holidays: channelHolidays,
  /** For the editor: the plans and channels the targets may name, and each channel's hours. */
  plans: z.array(z.object({ id: planId, name: z.string() })),
  channels: z.array(
    z.object({ id: channelId, name: z.string(), hours: z.string(), openingHours, zone: z.string() }),
  ),
});
export type SlaRules = z.infer<typeof slaRules>;

export const slaRulesUpdateInput = z
  .object({
    /** The version the lead started editing from; refused with `conflict` if another edit came first. */
    baseVersion: z.number().int().positive(),
    /** Every SLA target of the new version (the whole list, replacing the old one). */
    targets: z.array(slaTargetRule.strict()).min(1).max(200),
    /** Channels given here get exactly these holidays; channels left out keep theirs. */
    holidays: z
      .object({
        topic: editedHolidayDates,
        email: editedHolidayDates,
        chat: editedHolidayDates,
        phone: editedHolidayDates,
        blog_comment: editedHolidayDates,
      } satisfies Record<(typeof channelIds)[number], typeof editedHolidayDates>)
      .partial()
      .strict()
      .default({}),
    /** Dates closed on every channel at once, added to each channel's own list (issue #12). */
    holidaysEveryChannel: editedHolidayDates.default([]),
    /**
     * Move the open tickets (new, open, waiting on the customer) onto the new version, so a holiday
     * or target saved now applies to work already waiting; each move is audited per ticket. Off: the
     * new version applies to new tickets only.
     */
    moveOpenTickets: z.boolean().default(false),
    /** Why: shown in the version list and the audit log. */
    note: z.string().trim().min(1, 'must not be empty').max(500),
  })
  .strict();

export type SlaRulesUpdateInput = z.infer<typeof slaRulesUpdateInput>;

/** The same edit, previewed before saving: the why is not needed yet. */
export const slaRulesPreviewInput = slaRulesUpdateInput.extend({ note: z.string().max(500).default('') });

/** An open ticket the edit would move, with its due time now and on the new version. */
export const slaTicketMove = z.object({
  ticketId: z.number().int().positive(),
  subject: z.string(),
  channel: channelId,
  dueAt: epochMs.nullable(),
  newDueAt: epochMs.nullable(),
});
export type SlaTicketMove = z.infer<typeof slaTicketMove>;

export const slaRulesPreview = z.object({
  /** Open tickets measured by an older version: all of them move when the lead chooses to. */
  openTickets: z.number().int().nonnegative(),
  /** Those whose due time would change, soonest new due time first. */
  moves: z.array(slaTicketMove),
});
export type SlaRulesPreview = z.infer<typeof slaRulesPreview>;

// ---------------------------------------------------------------------------------------------
// Explanation

export const slaTimelineEntry = z.object({
  kind: z.enum([
    // instants: what happened
    'arrival',
    'customer_message',
    'response',
    'pause',
    'resume',
    'close',
    // instants: what the clock did
    'due',
    'breach',
    // spans
    'counted',
    'closed',
    'holiday',
    'paused',
    'summary',
  ]),
  from: epochMs,
  /** End of a span; equal to `from` for an instant. */
  to: epochMs,
  /** The phase the entry belongs to (null when nothing was owed). */
  phase: slaPhase.nullable(),
  /** Business minutes counted in this span ('counted' and 'summary' only; 0 otherwise). */
  minutes: z.number().nonnegative(),
  /** Business minutes counted in the phase up to the end of this entry. */
  totalMinutes: z.number().nonnegative(),
  /** The holiday date for a 'holiday' span. */
  date: z.string().nullable(),
  /**
   * Not happened yet: how the clock will run from now to the deadline if nothing else happens (the
   * closed hours and holidays it will skip). Always after every entry that has happened.
   */
  projected: z.boolean(),
  /** One English sentence for people and exports. */
  text: z.string(),
});
export type SlaTimelineEntry = z.infer<typeof slaTimelineEntry>;

export const slaPhaseResult = z.object({
  phase: slaPhase,
  startedAt: epochMs,
  targetMinutes: z.number(),
  /** The deadline this phase was (or is) measured against; moves with pauses; null while paused. */
  dueAt: epochMs.nullable(),
  endedAt: epochMs.nullable(),
  endedBy: z.enum(['response', 'close']).nullable(),
  /** Business minutes counted (to the response, or to now while open). */
  businessMinutes: z.number().nonnegative(),
  breachedAt: epochMs.nullable(),
  outcome: z.enum(['met', 'breached', 'running', 'paused', 'stopped']),
});

export const slaExplanation = z.object({
  ticketId: id,
  channel: channelId,
  /** The plan at arrival: the one the targets come from. */
  planId: planId.nullable(),
  ruleVersion: z.object({ version: z.number().int().positive(), label: z.string() }).nullable(),
  /** English, for exports; screens format `openingHours`. */
  hours: z.string(),
  openingHours,
  zone: z.string(),
  targets: z
    .object({
      firstResponseMinutes: z.number(),
      nextResponseMinutes: z.number(),
      ruleId: z.string().nullable(),
    })
    .nullable(),
  /** Why nothing is owed, when nothing ever was (refused at intake, not measured). */
  notMeasured: z.string().nullable(),
  /** The same as a code for screens: why nothing is owed (null when something is). */
  notMeasuredCode: z.enum(['not_adopted', 'refused', 'no_target']).nullable(),
  asOf: epochMs,
  current: z.object({
    phase: slaPhase.nullable(),
    dueAt: epochMs.nullable(),
    paused: z.boolean(),
    closed: z.boolean(),
    businessMinutes: z.number().nonnegative(),
    /** Business minutes left before the deadline (negative once missed); null when none runs. */
    remainingMinutes: z.number().nullable(),
    breached: z.boolean(),
  }),
  phases: z.array(slaPhaseResult),
  timeline: z.array(slaTimelineEntry),
  /** The explanation in a few sentences. */
  summary: z.array(z.string()),
});
export type SlaExplanation = z.infer<typeof slaExplanation>;

// ---------------------------------------------------------------------------------------------
// Review

const agentKey = z.union([id, z.literal('none')]);

/** The review's filters. `agentId` 'none': tickets nobody answered or holds. */
export const slaReviewFilterShape = {
  /** Tickets that arrived in [from, to). At most 400 days. */
  from: epochMs,
  to: epochMs,
  channel: channelId.optional(),
  /** The customer's plan when the ticket arrived. */
  planId: planId.optional(),
  /** The staff member who gave the first response, else the one holding the ticket. */
  agentId: agentKey.optional(),
};

export const slaRangeCheck = (r: { from: number; to: number }, ctx: z.RefinementCtx) => {
  if (r.to <= r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  else if (r.to - r.from > 400 * DAY_MS) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be at most 400 days after from' });
  }
};

export const slaReviewInput = z.object(slaReviewFilterShape).strict().superRefine(slaRangeCheck);

/**
 * One row of a review table. Tickets are those that arrived in the range with a response target
 * (accepted at intake). First-response times are business minutes to the first staff answer, pauses
 * excluded; percentiles are nearest-rank (the smallest time with at least p% of answered tickets at
 * or below it), so each is the time of a real ticket.
 */
export const slaReviewRow = z.object({
  key: z.string(),
  label: z.string(),
  tickets: z.number().int().nonnegative(),
  /** Tickets with a first response. */
  answered: z.number().int().nonnegative(),
  frMedian: z.number().nullable(),
  frP90: z.number().nullable(),
  /**
   * Share of tickets whose first response met its target, among those whose outcome is known
   * (answered, or past their deadline unanswered); null when none is known yet.
   */
  withinTarget: z.number().min(0).max(1).nullable(),
  /** Tickets whose first response missed its target (answered late or still unanswered past due). */
  firstResponseBreaches: z.number().int().nonnegative(),
  /** Every breach recorded on these tickets: first and next responses. */
  breaches: z.number().int().nonnegative(),
});
export type SlaReviewRow = z.infer<typeof slaReviewRow>;

const hourGrid = z.array(z.array(z.number().nonnegative()).length(24)).length(7);

export const slaReview = z.object({
  from: epochMs,
  to: epochMs,
  totals: slaReviewRow,
  byChannel: z.array(slaReviewRow),
  byPlan: z.array(slaReviewRow),
  byAgent: z.array(slaReviewRow),
  /** Weeks start on Monday 00:00 UTC; every week touching the range, empty ones included. */
  weekly: z.array(slaReviewRow.extend({ weekStart: epochMs })),
  heatmap: z.object({
    /** Rows Monday..Sunday, columns hours 0..23, in this zone. */
    zone: z.string(),
    /** Every arrival (refused ones too: demand is demand). */
    arrivals: hourGrid,
    /** Arrivals accepted while their channel was closed (they waited for the opening). */
    arrivalsOutsideHours: hourGrid,
    /** Minutes each channel is open in each hour of a regular week (holidays aside). */
    openMinutes: z.array(z.object({ channel: channelId, name: z.string(), minutes: hourGrid })),
  }),
  /** The rule versions the range's tickets were measured against. */
  ruleVersions: z.array(
    z.object({ version: z.number().int().positive(), label: z.string(), tickets: z.number().int() }),
  ),
});
export type SlaReview = z.infer<typeof slaReview>;

export const slaDrillMeasures = [
  'tickets',
  'answered',
  'within_target',
  'first_response_breached',
  'breached',
  'arrivals',
  'arrivals_outside_hours',
] as const;

/** Narrows the review's filters to one cell: a table row is its filter, plus these. */
export const slaDrillShape = {
  weekStart: epochMs.optional(),
  weekday: z.number().int().min(0).max(6).optional(),
  hour: z.number().int().min(0).max(23).optional(),
  /** Which number of the cell: its tickets, those answered, within target, … (default tickets). */
  measure: z.enum(slaDrillMeasures).default('tickets'),
};

export const slaReviewTicketsInput = z
  .object({
    ...slaReviewFilterShape,
    ...slaDrillShape,
    cursor: z.string().max(500).nullable().default(null),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict()
  .superRefine(slaRangeCheck);

export const slaReviewTicket = z.object({
  ticketId: id,
  subject: z.string(),
  channel: channelId,
  planId: planId.nullable(),
  planName: z.string().nullable(),
  agentId: id.nullable(),
  agentName: z.string().nullable(),
  createdAt: epochMs,
  intakeOutcome: z.enum(['accept', 'refuse', 'undecided']),
  firstResponseAt: epochMs.nullable(),
  firstResponseMinutes: z.number().nullable(),
  targetMinutes: z.number().nullable(),
  /** null while the outcome is not known (unanswered, not yet due) or nothing is owed. */
  withinTarget: z.boolean().nullable(),
  breaches: z.number().int().nonnegative(),
  ruleVersion: z.number().int().nullable(),
  outsideHours: z.boolean(),
});
export type SlaReviewTicket = z.infer<typeof slaReviewTicket>;

export const slaCsvTables = ['channel', 'plan', 'agent', 'weekly', 'heatmap', 'tickets'] as const;

export const slaCsvInput = z
  .object({ table: z.enum(slaCsvTables), ...slaReviewFilterShape, ...slaDrillShape })
  .strict()
  .superRefine(slaRangeCheck);

// ---------------------------------------------------------------------------------------------
// Live status and warnings

export const slaTicketStatus = z.object({
  ticketId: id,
  assigneeId: id.nullable(),
  phase: slaPhase.nullable(),
  dueAt: epochMs.nullable(),
  /** Business minutes left before the deadline (negative once missed); null when none runs. */
  businessMinutesLeft: z.number().nullable(),
  /** Inside the pre-breach window (team setting preBreachMinutes) and not yet missed. */
  warning: z.boolean(),
  breached: z.boolean(),
  paused: z.boolean(),
});
export type SlaTicketStatus = z.infer<typeof slaTicketStatus>;

export const slaEvents = {
  /** Tickets that just entered the pre-breach window (each once per deadline). */
  'sla.warning': z.object({
    preBreachMinutes: z.number().int().nonnegative(),
    tickets: z.array(
      z.object({
        ticketId: id,
        assigneeId: id.nullable(),
        dueAt: epochMs,
        businessMinutesLeft: z.number(),
      }),
    ),
  }),
  /** Deadlines the scheduler found missed, with their true time (possibly before the app started). */
  'sla.breached': z.object({
    breaches: z.array(
      z.object({ ticketId: id, assigneeId: id.nullable(), phase: slaPhase, breachedAt: epochMs }),
    ),
  }),
} as const;
