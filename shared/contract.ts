// The contract between the main process (or the serve-mode server) and the renderer: every method
// with its input and output schema and the roles that may call it, and every event pushed to the
// renderer. Both transports and the core's handler table are typed from this one object.
import { z } from 'zod';
import {
  builtinViewIds,
  errorCodes,
  mailErrorCodes,
  outboxStates,
  signInModes,
  smtpSecurities,
  PASSWORD_MIN_LENGTH,
} from './vocabulary';
import {
  channelId,
  decision,
  email,
  entitlements,
  epochMs,
  id,
  messageKind,
  openingHours,
  phoneTool,
  planId,
  priority,
  quota,
  roleId,
  ticketStatus,
  zoneName,
  type RoleId,
} from './domain';
import {
  ruleVersionSummary,
  slaCsvInput,
  slaEvents,
  slaExplanation,
  slaReview,
  slaReviewInput,
  slaReviewTicket,
  slaReviewTicketsInput,
  slaRules,
  slaRulesUpdateInput,
  slaRulesPreviewInput,
  slaRulesPreview,
  slaTicketStatus,
} from './sla';
import { isWellFormedHttpsUrl } from './user-text';
import { websiteRecent, websiteSettings, websiteTestInput, websiteTestResult } from './website';
import { imapSettingsInput, imapStatus, imapTestResult, mailAttachment, messageMail } from './mail-in';

// ---------------------------------------------------------------------------------------------
// Errors

export { errorCodes };
export const apiError = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  /** The input field at fault, as a dotted path (`filter.channels.0`), when one is. */
  field: z.string().optional(),
  /** For locked_out: when sign-in may be tried again (epoch ms), for the renderer to show in local time. */
  until: z.number().int().nonnegative().optional(),
  /**
   * For not_signed_in and session_expired: how to sign in again here (choose who you are on one
   * machine, e-mail and password on a team server), for the renderer to say in the person's language.
   */
  signIn: z.enum(signInModes).optional(),
});
export type ApiErrorShape = z.infer<typeof apiError>;
export type ErrorCode = ApiErrorShape['code'];

/** What a transport carries back for every call. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

// ---------------------------------------------------------------------------------------------
// Entities as the renderer sees them

export const staffMember = z.object({
  id,
  name: z.string(),
  email: z.string(),
  role: roleId,
  zone: z.string(),
  active: z.boolean(),
  /** Signs in with a password (always on a team server); false: picked from the list on one machine. */
  hasPassword: z.boolean(),
});
export type StaffMember = z.infer<typeof staffMember>;

export const customerSummary = z.object({
  id,
  name: z.string(),
  company: z.string().nullable(),
  accountEmail: z.string(),
  zone: z.string().nullable(),
  planId,
  planName: z.string(),
  paid: z.boolean(),
  express: z.boolean(),
  /** The Free quota balance; null when the customer's plan has no quota. */
  quota: quota.nullable(),
  managerName: z.string().nullable(),
});
export type CustomerSummary = z.infer<typeof customerSummary>;

export const planChange = z.object({
  id,
  fromPlanId: planId.nullable(),
  planId,
  effectiveAt: epochMs,
  changedByName: z.string().nullable(),
  reason: z.string(),
});

export const ticketFlags = z.object({
  /** The customer's current plan does not include this ticket's channel. */
  notEntitled: z.boolean(),
  /** The customer has used up the quota their plan has. */
  overQuota: z.boolean(),
  /** The ticket arrived while its channel was closed; the clock starts at the opening. */
  outsideHours: z.boolean(),
});

export const ticketSummary = z.object({
  id,
  channel: channelId,
  subject: z.string(),
  status: ticketStatus,
  priority,
  /** Null while the ticket is an unknown sender's mail, not linked to a customer yet. */
  customerId: id.nullable(),
  /** The customer's name; for an unknown sender, the name the mail gave, or its address. */
  customerName: z.string(),
  planId: planId.nullable(),
  planName: z.string().nullable(),
  /** The customer's plan is a paid one (the rule set says which). */
  paid: z.boolean(),
  express: z.boolean(),
  assigneeId: id.nullable(),
  assigneeName: z.string().nullable(),
  createdAt: epochMs,
  updatedAt: epochMs,
  clockStartsAt: epochMs,
  firstResponseAt: epochMs.nullable(),
  dueAt: epochMs.nullable(),
  intakeOutcome: z.enum(['accept', 'refuse', 'undecided']),
  intakeReason: z.string(),
  flags: ticketFlags,
  /**
   * Who wrote, on a ticket opened by mail from an address no customer had: set while it is not
   * linked (customerId null), and kept after the link as where it came from.
   */
  sender: z.object({ email: z.string(), name: z.string().nullable() }).nullable(),
});
export type TicketSummary = z.infer<typeof ticketSummary>;

export const outboxState = z.enum(outboxStates);
export type OutboxState = z.infer<typeof outboxState>;
export const mailErrorCode = z.enum(mailErrorCodes);
export type MailErrorCode = z.infer<typeof mailErrorCode>;

/** Why the last try failed: a code the renderer words, and the server's or the network's own text. */
export const mailError = z.object({ code: mailErrorCode, detail: z.string() });
export type MailError = z.infer<typeof mailError>;

/** Where the e-mail a message caused stands (an answer announced to the customer, a refusal). */
export const messageDelivery = z.object({
  outboxId: id,
  state: outboxState,
  attempts: z.number().int().nonnegative(),
  /** When the next try is due, while it is queued again after a failure. */
  nextAttemptAt: epochMs.nullable(),
  /** When the SMTP server accepted it. */
  handedAt: epochMs.nullable(),
  lastError: mailError.nullable(),
});
export type MessageDelivery = z.infer<typeof messageDelivery>;

export const ticketMessage = z.object({
  id,
  authorKind: z.enum(['customer', 'staff']),
  authorName: z.string(),
  kind: messageKind,
  body: z.string(),
  accepted: z.boolean(),
  countsTowardQuota: z.boolean(),
  decision: decision.nullable(),
  createdAt: epochMs,
  /** The e-mail this message sent the customer, if any, and where its delivery stands. */
  delivery: messageDelivery.nullable(),
  /** Set on a message that came by e-mail. */
  mail: messageMail.nullable().optional(),
});
export type TicketMessage = z.infer<typeof ticketMessage>;

export const ticketDetail = z.object({
  ticket: ticketSummary.extend({ intakeDecision: decision, ruleSetVersion: z.string() }),
  messages: z.array(ticketMessage),
  /** Null while the ticket is an unknown sender's, not linked to a customer yet. */
  customer: customerSummary.nullable(),
  /**
   * On an unknown sender's ticket: the sender's other tickets still without a customer, oldest first
   * (linking this one links them too); empty otherwise.
   */
  sameSenderUnknown: z.array(id),
});
export type TicketDetail = z.infer<typeof ticketDetail>;

export const customerDetail = z.object({
  customer: customerSummary.extend({ planSince: epochMs, createdAt: epochMs }),
  entitlements,
  planHistory: z.array(planChange),
  manager: z.object({ staffId: id, name: z.string(), since: epochMs }).nullable(),
  recentTickets: z.array(ticketSummary),
  upcomingCalls: z.array(
    z.object({
      id,
      ticketId: id,
      status: z.enum(['requested', 'scheduled']),
      startsAt: epochMs.nullable(),
      endsAt: epochMs.nullable(),
      tool: z.string(),
      agentName: z.string().nullable(),
    }),
  ),
});
export type CustomerDetail = z.infer<typeof customerDetail>;

export const ruleSetSummary = z.object({
  id: z.string(),
  version: z.string(),
  name: z.string(),
  plans: z.array(z.object({ id: planId, name: z.string(), paid: z.boolean(), express: z.boolean() })),
  /** `hours` in English for exports and logs; screens format `openingHours`. */
  channels: z.array(z.object({ id: channelId, name: z.string(), hours: z.string(), openingHours })),
  community: z.object({ name: z.string(), url: z.string() }),
});
export type RuleSetSummary = z.infer<typeof ruleSetSummary>;

export const auditEntry = z.object({
  id,
  at: epochMs,
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.number().int().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const managerLoad = z.object({
  staffId: id,
  name: z.string(),
  active: z.boolean(),
  /** Clients assigned now. */
  load: z.number().int().nonnegative(),
  capacity: z.number().int().nonnegative(),
});
export type ManagerLoad = z.infer<typeof managerLoad>;

export const managerAssignment = z.object({
  id,
  customerId: id,
  customerName: z.string(),
  managerId: id,
  managerName: z.string(),
  startedAt: epochMs,
  endedAt: epochMs.nullable(),
  assignedByName: z.string().nullable(),
  reason: z.string(),
  endedReason: z.string().nullable(),
});
export type ManagerAssignment = z.infer<typeof managerAssignment>;

export const planChangeConsequences = z.object({
  /** Applied now, or scheduled for its effective time. */
  applied: z.boolean(),
  fromPlanId: planId,
  toPlanId: planId,
  effectiveAt: epochMs,
  /** The manager assignment that ended because the new plan has no personal manager. */
  managerAssignmentEnded: managerAssignment.nullable(),
  /** Open tickets on channels the new plan lacks, now flagged (and those no longer flagged). */
  ticketsFlagged: z.array(id),
  ticketsUnflagged: z.array(id),
  /** Future calls flagged for review because the new plan has no phone support. */
  callsFlagged: z.array(id),
  callsUnflagged: z.array(id),
  /** The quota balance under the new plan (null when it has none). */
  quota: quota.nullable(),
});
export type PlanChangeConsequences = z.infer<typeof planChangeConsequences>;

export const clientRow = z.object({
  customer: customerSummary,
  /** One entry per channel: allowed or not, from the rules engine. */
  channels: z.array(
    z.object({ channel: channelId, name: z.string(), allowed: z.boolean(), reason: z.string() }),
  ),
  openTickets: z.number().int().nonnegative(),
  overdueTickets: z.number().int().nonnegative(),
  nextDueAt: epochMs.nullable(),
  nextCallAt: epochMs.nullable(),
  lastContactAt: epochMs.nullable(),
  notes: z.array(z.object({ id, body: z.string(), authorName: z.string(), createdAt: epochMs })),
  /** Something happened (ticket, message, plan change) since the manager last looked. */
  activitySinceSeen: z.boolean(),
  lastSeenAt: epochMs.nullable(),
});
export type ClientRow = z.infer<typeof clientRow>;

export const outboxItem = z.object({
  id,
  createdAt: epochMs,
  ticketId: id.nullable(),
  /** Null for an answer to an unknown sender (no customer yet). */
  customerId: id.nullable(),
  customerName: z.string(),
  toEmail: z.string(),
  kind: z.enum(['answer_notification', 'intake_refused', 'call_invitation', 'call_update', 'call_cancelled']),
  subject: z.string(),
  state: outboxState,
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: epochMs.nullable(),
  handedAt: epochMs.nullable(),
  lastError: mailError.nullable(),
  /** The SMTP server's answer when it accepted the mail. */
  smtpResponse: z.string().nullable(),
  messageId: z.string().nullable(),
  /** What a lead may do with it now (the core refuses anything else). */
  canRetry: z.boolean(),
  canCancel: z.boolean(),
});
export type OutboxItem = z.infer<typeof outboxItem>;

export const outboxListInput = z
  .object({
    state: outboxState.optional(),
    /** Older than this outbox id (the previous page's last). */
    before: id.optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

export const outboxList = z.object({
  items: z.array(outboxItem),
  /** How many mails are in each state (the whole outbox, not the page). */
  counts: z.record(outboxState, z.number().int().nonnegative()),
  /** Whether the SMTP server is set up; without it mails wait in the queue. */
  configured: z.boolean(),
});
export type OutboxList = z.infer<typeof outboxList>;

export const smtpSecurity = z.enum(smtpSecurities);
export type SmtpSecurity = z.infer<typeof smtpSecurity>;

/** No control characters (CR, LF, tab…): the value goes into a mail header. */
const headerText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      (v) => !/[\u0000-\u001f\u007f\u2028\u2029]/.test(v),
      'must not contain line breaks or control characters',
    );

/** A host name or an IP address, nothing else (no scheme, no port, no path). */
const hostName = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(
    /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\[?[0-9A-Fa-f:.]+\]?$/,
    'must be a host name or an IP address',
  );

export const smtpSettings = z.object({
  configured: z.boolean(),
  host: z.string(),
  port: z.number().int(),
  security: smtpSecurity,
  user: z.string().nullable(),
  /** Whether a password is stored (sealed); the password itself never leaves the core. */
  passwordSet: z.boolean(),
  fromAddress: z.string(),
  fromName: z.string(),
  /** Check the server's TLS certificate (off only for a server with a self-signed certificate). */
  verifyCertificates: z.boolean(),
  /** Where the key that seals the password lives ("safeStorage", a key file). */
  keeper: z.string(),
  updatedAt: epochMs.nullable(),
});
export type SmtpSettings = z.infer<typeof smtpSettings>;

export const smtpSettingsInput = z
  .object({
    host: hostName,
    port: z.number().int().min(1).max(65_535),
    security: smtpSecurity,
    user: headerText(254).nullable(),
    /** Absent: keep the stored one; null: remove it; a string: seal and store it. */
    password: z.string().min(1).max(1024).nullable().optional(),
    fromAddress: email,
    fromName: headerText(100),
    verifyCertificates: z.boolean(),
  })
  .strict();
export type SmtpSettingsInput = z.infer<typeof smtpSettingsInput>;

export const smtpTestResult = z.object({
  ok: z.boolean(),
  /** The server's answer when it accepted the test mail. */
  response: z.string().nullable(),
  error: mailError.nullable(),
});
export type SmtpTestResult = z.infer<typeof smtpTestResult>;

export const settingsShape = z.object({
  /** New tickets from a client with a personal manager are assigned to that manager first. */
  offerToManagerFirst: z.boolean(),
  /** Free minutes an agent keeps between two calls. */
  callBufferMinutes: z.number().int().min(0).max(240),
  /** How far ahead of now a call can be booked at the earliest, so the customer can prepare. */
  callLeadMinutes: z.number().int().min(0).max(10_080),
  /**
   * Tickets whose response is due within this many business minutes of their channel are in the
   * pre-breach window: highlighted in the queue, announced once by the `sla.warning` event. 0: off.
   */
  preBreachMinutes: z.number().int().min(0).max(10_000),
});
export type Settings = z.infer<typeof settingsShape>;

export const callStatuses = ['requested', 'scheduled', 'done', 'no_show', 'cancelled'] as const;
export const callStatus = z.enum(callStatuses);
export type CallStatus = z.infer<typeof callStatus>;

export const callSummary = z.object({
  id,
  ticketId: id,
  /** The subject of the ticket the call was requested in: what the call is about. */
  subject: z.string(),
  customerId: id,
  customerName: z.string(),
  planId,
  planName: z.string(),
  /** The customer's plan includes phone support now (re-evaluated on every read). */
  entitled: z.boolean(),
  status: callStatus,
  /** A plan change took phone support away after the request: a person must decide what happens. */
  flaggedForReview: z.boolean(),
  agentId: id.nullable(),
  agentName: z.string().nullable(),
  /** The agent's IANA zone, to show the call in the agent's local time. */
  agentZone: z.string().nullable(),
  startsAt: epochMs.nullable(),
  endsAt: epochMs.nullable(),
  durationMinutes: z.number().int().positive().nullable(),
  tool: phoneTool,
  toolName: z.string(),
  link: z.string().nullable(),
  contactEmail: z.string(),
  /** The customer's IANA zone when known, to show the call in the customer's local time. */
  customerZone: z.string().nullable(),
  questions: z.array(z.string()),
  /** Why it was cancelled, or the agent's note on how it went. */
  statusNote: z.string().nullable(),
  icalUid: z.string(),
  icalSequence: z.number().int().nonnegative(),
  createdAt: epochMs,
  updatedAt: epochMs,
});
export type CallSummary = z.infer<typeof callSummary>;

export const callMailKinds = ['call_invitation', 'call_update', 'call_cancelled'] as const;

export const callDetail = callSummary.extend({
  /** The e-mails queued for this call (invitation, updates, cancellation), oldest first. */
  mails: z.array(
    z.object({
      id,
      kind: z.enum(callMailKinds),
      toEmail: z.string(),
      subject: z.string(),
      createdAt: epochMs,
      status: z.enum(['pending', 'sent', 'failed']),
      /** The iCalendar SEQUENCE the attached invitation carries. */
      sequence: z.number().int().nonnegative(),
    }),
  ),
});
export type CallDetail = z.infer<typeof callDetail>;

export const callStaff = z.object({ id, name: z.string(), zone: z.string() });

export const callSlot = z.object({
  startsAt: epochMs,
  endsAt: epochMs,
  /** Staff free for the whole call and the buffer around it. */
  agents: z.array(callStaff),
});
export type CallSlot = z.infer<typeof callSlot>;

/** The zones a time is shown in; instants are epoch ms and the renderer formats them. */
export const callZones = z.object({
  /** The phone hours' zone (UTC for GMT). */
  phone: z.string(),
  /** The chosen agent's zone, or the signed-in staff member's when any agent will do. */
  agent: z.string(),
  /** The customer's zone, when known. */
  customer: z.string().nullable(),
});

export const callSlotsResult = z.object({
  callId: id,
  durationMinutes: z.number().int().positive(),
  bufferMinutes: z.number().int().nonnegative(),
  leadMinutes: z.number().int().nonnegative(),
  /** Slots start on this grid (minutes past the hour, in UTC). */
  stepMinutes: z.number().int().positive(),
  /** The range searched for start times, [from, to); `from` is never before now plus the lead time. */
  from: epochMs,
  to: epochMs,
  zones: callZones,
  slots: z.array(callSlot),
  /** More slots exist than `limit` returned. */
  truncated: z.boolean(),
});

export const callCalendarResult = z.object({
  from: epochMs,
  to: epochMs,
  /** Phone hours inside [from, to), holidays excluded: the grid's open background. */
  openIntervals: z.array(z.object({ start: epochMs, end: epochMs })),
  phoneZone: z.string(),
  /** Whose columns to show: the one agent asked for, or every active agent and anyone with a call. */
  agents: z.array(callStaff),
  calls: z.array(callSummary),
});

const callDuration = z.number().int().min(5).max(240);
/** Calendars work up to the year 9999; a call time far beyond any plan is a mistake, not a date. */
const callTime = epochMs.max(Date.UTC(9000, 0, 1), 'must be before the year 9000');
const wholeMinute = callTime.refine((t) => t % 60_000 === 0, 'must be on a whole minute');
/** A meeting link the agent supplies; only https, since it is e-mailed to the customer. */
export const meetingLink = z
  .string()
  .trim()
  .max(500)
  .refine(isWellFormedHttpsUrl, 'must be a well-formed https link, without spaces, quotes or angle brackets');

// ---------------------------------------------------------------------------------------------
// Method inputs

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const queueSortFields = ['due_at', 'created_at', 'updated_at', 'priority'] as const;

export const queueFilter = z
  .object({
    channels: z.array(channelId).max(5).optional(),
    statuses: z.array(ticketStatus).max(5).optional(),
    assignee: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('me') }),
        z.object({ kind: z.literal('none') }),
        z.object({ kind: z.literal('staff'), id }),
      ])
      .optional(),
    planIds: z.array(planId).max(50).optional(),
    dueBefore: epochMs.optional(),
    intakeOutcome: z.enum(['accept', 'refuse', 'undecided']).optional(),
    customerId: id.optional(),
    /** true: tickets from an unknown sender, not linked to a customer yet; false: the others. */
    unknownCustomer: z.boolean().optional(),
    /**
     * true: no staff answer yet (first response not given); false: answered at least once. Combine
     * with intakeOutcome 'accept' for SLA work, 'refuse' for items still owed a courteous answer.
     */
    needsFirstResponse: z.boolean().optional(),
    /**
     * A response is due within this many business minutes of the ticket's channel from now, or is
     * already past due. Business minutes, like the countdown: a ticket due at Monday's opening is
     * "due within 30" on Friday evening when 30 open minutes remain before it.
     */
    dueWithinMinutes: z.number().int().min(0).max(100_000).optional(),
    /** true: arrived while the channel was closed and the channel has not opened yet; false: the opposite. */
    waitingForHours: z.boolean().optional(),
    /** true: the customer's plan has a quota and none of it remains (flags.overQuota); false: the opposite. */
    quotaUsedUp: z.boolean().optional(),
  })
  .strict();
export type QueueFilter = z.infer<typeof queueFilter>;

export const queueSort = z
  .object({ field: z.enum(queueSortFields), direction: z.enum(['asc', 'desc']) })
  .strict();
export type QueueSort = z.infer<typeof queueSort>;

/** Which queue columns show, in which order and how wide: saved with a custom view. */
export const queueColumns = z
  .object({
    order: z.array(z.string().max(40)).max(30),
    hidden: z.array(z.string().max(40)).max(30),
    widths: z.record(z.string().max(40), z.number().int().min(40).max(2000)),
  })
  .strict();
export type QueueColumns = z.infer<typeof queueColumns>;

export { builtinViewIds };

export const queueView = z.object({
  /** A built-in view id, or `custom:<n>`. */
  id: z.string(),
  kind: z.enum(['builtin', 'custom']),
  name: z.string(),
  filter: queueFilter,
  sort: queueSort,
  columns: queueColumns.nullable(),
  /** Tickets in the view now, counted by the store up to its cap (QUEUE_COUNT_CAP). */
  count: z.number().int().nonnegative(),
  /** The count stopped at the cap: the view holds at least `count` tickets ("1,000+" for a cap of 1,000). */
  countIsAtLeast: z.boolean(),
});
export type QueueView = z.infer<typeof queueView>;

export const searchHit = z.object({
  ticket: z.lazy(() => ticketSummary),
  /** The matching text with the match wrapped in [[ and ]]; an ellipsis marks cut text. */
  snippet: z.string(),
  /** Where the best match is: the ticket's subject or one of its messages (notes included). */
  matchedIn: z.enum(['subject', 'message']),
});
export type SearchHit = z.infer<typeof searchHit>;

/** Languages a reply can be drafted in. */
export const draftLocales = ['en', 'fr'] as const;
export type DraftLocale = (typeof draftLocales)[number];

export const queueListInput = z
  .object({
    filter: queueFilter.default({}),
    sort: queueSort.default({ field: 'due_at', direction: 'asc' }),
    cursor: z.string().max(500).nullable().default(null),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type QueueListInput = z.infer<typeof queueListInput>;

export const callRequestInput = z
  .object({
    questions: z.array(z.string().max(2000)).max(50),
    contactEmail: z.string().max(254),
    tool: z.string().max(40),
  })
  .strict();

export const ticketCreateInput = z
  .object({
    customerId: id,
    channel: channelId,
    subject: text(200),
    body: text(20_000),
    priority: priority.default('normal'),
    /** Required for the phone channel: what the customer sent to schedule a call. */
    callRequest: callRequestInput.optional(),
  })
  .strict();
export type TicketCreateInput = z.infer<typeof ticketCreateInput>;

export const intakePreviewInput = ticketCreateInput
  .omit({ subject: true, body: true, priority: true })
  .strict();

export const messageAddInput = z
  .object({
    ticketId: id,
    /** answer and internal_note are written by staff; question and blog_comment are logged for the customer. */
    kind: messageKind,
    body: text(20_000),
  })
  .strict();
export type MessageAddInput = z.infer<typeof messageAddInput>;

// ---------------------------------------------------------------------------------------------
// Identity: passwords, sessions, invitations

export { PASSWORD_MIN_LENGTH };
export const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200)
  .refine((value) => value.trim().length === value.length, 'must not start or end with a space');
/** A password as typed at sign-in: only bounded, never described (no hint about the real one). */
const givenPassword = z.string().max(1024);

export const signInOptions = z.object({
  /**
   * picker: one machine (desktop or serve mode), staff without a password are chosen from a list;
   * password: a team server, everyone signs in with e-mail and password.
   */
  mode: z.enum(signInModes),
  passwordMinLength: z.number().int().positive(),
});

export const passwordSignIn = z.object({
  staff: staffMember,
  /** The session's absolute end; it also ends after a while without use. */
  expiresAt: epochMs,
  /** The session token, only when the input asked for it (programmatic clients send it as Bearer). */
  token: z.string().nullable(),
});

export const staffAccount = staffMember.extend({
  lastSignedInAt: epochMs.nullable(),
  /** Set while sign-in is locked after repeated wrong passwords. */
  lockedUntil: epochMs.nullable(),
  /** Sessions signed in and not yet ended. */
  openSessions: z.number().int().nonnegative(),
});
export type StaffAccount = z.infer<typeof staffAccount>;

export const invitationSummary = z.object({
  id,
  email: z.string(),
  name: z.string(),
  role: roleId,
  zone: z.string(),
  invitedByName: z.string().nullable(),
  createdAt: epochMs,
  expiresAt: epochMs,
  status: z.enum(['pending', 'accepted', 'expired', 'revoked']),
});
export type InvitationSummary = z.infer<typeof invitationSummary>;

/** An invitation token as the link carries it: 256 random bits, base64url. */
const invitationToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not an invitation token');

// ---------------------------------------------------------------------------------------------
// Methods

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** Who may call it once signed in; 'public' methods need no sign-in (the sign-in screen). */
  roles: 'public' | readonly RoleId[];
  /**
   * What the method does, as "Only <roles> can <action>" words it when a signed-in role may not call
   * it (e.g. "assign personal managers"). Required for every method closed to some role.
   */
  action?: string;
  description: string;
}

const anyStaff = ['agent', 'account_manager', 'lead'] as const satisfies readonly RoleId[];
const empty = z.object({}).strict();

function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

export const methods = {
  'session.signIn': method({
    input: z.object({ staffId: id, password: givenPassword.optional() }).strict(),
    output: staffMember,
    roles: 'public',
    description:
      'Work as this staff member from now on in this window (one machine only; the password when they have one).',
  }),
  'session.signInOptions': method({
    input: empty,
    output: signInOptions,
    roles: 'public',
    description: 'How people sign in here.',
  }),
  'session.signInWithPassword': method({
    input: z
      .object({
        email: z.string().trim().min(1).max(254),
        password: givenPassword,
        /** Return the session token in the result (for a Bearer client) instead of only in a cookie. */
        bearer: z.boolean().default(false),
      })
      .strict(),
    output: passwordSignIn,
    roles: 'public',
    description: 'Sign in with e-mail and password.',
  }),
  'session.changePassword': method({
    input: z
      .object({
        /** Empty when the staff member has no password yet (one machine). */
        currentPassword: givenPassword.default(''),
        newPassword,
      })
      .strict(),
    output: z.null(),
    roles: anyStaff,
    description: 'Change my password (ends my other sessions).',
  }),
  'staff.accounts': method({
    input: empty,
    output: z.object({ staff: z.array(staffAccount), invitations: z.array(invitationSummary) }),
    roles: ['lead'],
    description: 'List staff accounts and invitations.',
    action: 'see staff accounts and invitations',
  }),
  'staff.invite': method({
    input: z
      .object({
        email,
        name: z.string().trim().min(1).max(120),
        role: roleId,
        zone: zoneName,
      })
      .strict(),
    output: z.object({ invitation: invitationSummary, token: invitationToken }),
    roles: ['lead'],
    description: 'Invite a staff member.',
    action: 'invite staff',
  }),
  'staff.revokeInvitation': method({
    input: z.object({ invitationId: id }).strict(),
    output: invitationSummary,
    roles: ['lead'],
    description: 'Withdraw an invitation.',
    action: 'withdraw invitations',
  }),
  'staff.invitation': method({
    input: z.object({ token: invitationToken }).strict(),
    output: z.object({ email: z.string(), name: z.string(), role: roleId, expiresAt: epochMs }),
    roles: 'public',
    description: 'Read an invitation before accepting it.',
  }),
  'staff.acceptInvitation': method({
    input: z.object({ token: invitationToken, password: newPassword }).strict(),
    output: z.object({ email: z.string() }),
    roles: 'public',
    description: 'Accept an invitation by choosing a password.',
  }),
  'staff.setRole': method({
    input: z.object({ staffId: id, role: roleId }).strict(),
    output: staffAccount,
    roles: ['lead'],
    description: "Change a staff member's role.",
    action: 'change staff roles',
  }),
  'staff.setActive': method({
    input: z.object({ staffId: id, active: z.boolean() }).strict(),
    output: staffAccount,
    roles: ['lead'],
    description: 'Deactivate or reactivate a staff member.',
    action: 'deactivate or reactivate staff',
  }),
  'session.signOut': method({
    input: empty,
    output: z.null(),
    roles: 'public',
    description: 'Stop working.',
  }),
  'session.current': method({
    input: empty,
    output: staffMember.nullable(),
    roles: 'public',
    description: 'Who is signed in here.',
  }),
  'staff.list': method({
    input: empty,
    output: z.array(staffMember),
    roles: 'public',
    description: 'Everyone who can sign in.',
  }),
  'rules.summary': method({
    input: empty,
    output: ruleSetSummary,
    roles: 'public',
    description: 'The rule set in force: plans, channels and their hours, the community group.',
  }),
  'customers.list': method({
    input: z
      .object({
        search: z.string().trim().max(200).optional(),
        planIds: z.array(planId).max(50).optional(),
        cursor: z.string().max(500).nullable().default(null),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.object({
      rows: z.array(customerSummary),
      nextCursor: z.string().nullable(),
      total: z.number(),
    }),
    roles: anyStaff,
    description: 'Customers with their plan and quota, by name.',
  }),
  'customers.get': method({
    input: z.object({ id }).strict(),
    output: customerDetail,
    roles: anyStaff,
    description: 'One customer with entitlements computed by the rules engine now.',
  }),
  'queue.list': method({
    input: queueListInput,
    output: z.object({
      rows: z.array(ticketSummary),
      nextCursor: z.string().nullable(),
      /** Tickets in the listing, counted up to the store's cap (QUEUE_COUNT_CAP) when its first page was read. */
      total: z.number().int().nonnegative(),
      /** The count stopped at the cap: at least `total` tickets ("1,000+" for a cap of 1,000). */
      totalIsAtLeast: z.boolean(),
    }),
    roles: anyStaff,
    description:
      'A page of the ticket queue: filtered, sorted, cursor-paged by the store; the total is counted (up to a cap) on the first page and carried by the cursor.',
  }),
  'tickets.get': method({
    input: z.object({ id }).strict(),
    output: ticketDetail,
    roles: anyStaff,
    description: 'A ticket with its thread and its customer.',
  }),
  'tickets.previewIntake': method({
    input: intakePreviewInput,
    output: decision,
    roles: anyStaff,
    description: 'What admit would decide for a new ticket, before it is saved.',
  }),
  'tickets.create': method({
    input: ticketCreateInput,
    output: z.object({ ticket: ticketDetail, decision }),
    roles: anyStaff,
    description:
      'Log an incoming item on a customer’s behalf. Intake runs admit; a refused item is kept with its reason and a notice is queued.',
  }),
  'messages.preview': method({
    input: z.object({ ticketId: id, kind: messageKind }).strict(),
    output: decision,
    roles: anyStaff,
    description: 'What adding this kind of message would cost and trigger, before it is written.',
  }),
  'messages.add': method({
    input: messageAddInput,
    output: z.object({ message: ticketMessage, decision, ticket: ticketSummary }),
    roles: anyStaff,
    description:
      'Add to a thread. Quota is counted in the same transaction; a topic answer queues an e-mail to the account address.',
  }),
  'tickets.assign': method({
    input: z
      .object({
        ticketId: id,
        assigneeId: id.nullable(),
        /**
         * Who the person saw holding the ticket (null: nobody). When someone else has taken it since,
         * nothing changes and the conflict names who has it: two agents claiming at once, one wins.
         */
        expectedAssigneeId: id.nullable().optional(),
      })
      .strict(),
    output: ticketSummary,
    roles: anyStaff,
    description:
      'Give a ticket to a staff member, or unassign it; with expectedAssigneeId, only if nobody else took it meanwhile.',
  }),
  'tickets.linkCustomer': method({
    input: z.object({ ticketId: id, customerId: id }).strict(),
    output: z.object({
      ticket: ticketDetail,
      decision,
      /** The sender's other unknown tickets linked with it, oldest first, each decided in turn. */
      alsoLinked: z.array(z.object({ ticketId: id, decision })),
    }),
    roles: anyStaff,
    description:
      'Give an unknown sender’s ticket its customer: the rules decide it for their plan now, the SLA clock follows, and the address is kept as the customer’s, so their next mail finds them; the sender’s other tickets still without a customer are linked with it, oldest first.',
  }),
  'tickets.setStatus': method({
    input: z.object({ ticketId: id, status: ticketStatus }).strict(),
    output: ticketSummary,
    roles: anyStaff,
    description: 'Move a ticket; waiting on the customer stops its clock.',
  }),
  'views.list': method({
    input: empty,
    output: z.array(queueView),
    roles: anyStaff,
    description: 'The built-in queue views and the signed-in staff member’s own, each with its live count.',
  }),
  'views.save': method({
    input: z
      .object({
        /** Omit to create; give an existing custom view's id to overwrite it. */
        id: z
          .string()
          .regex(/^custom:\d+$/)
          .optional(),
        name: text(80),
        filter: queueFilter,
        sort: queueSort,
        columns: queueColumns,
      })
      .strict(),
    output: queueView,
    roles: anyStaff,
    description: 'Save the current filters, sort and columns as a named view of one’s own.',
  }),
  'views.delete': method({
    input: z.object({ id: z.string().regex(/^custom:\d+$/) }).strict(),
    output: z.null(),
    roles: anyStaff,
    description: 'Delete one of one’s own saved views.',
  }),
  'search.query': method({
    input: z
      .object({
        /** Not trimmed: a trailing space says the last word is finished (no prefix match). */
        text: z
          .string()
          .max(200)
          .refine((t) => t.trim() !== '', 'must not be empty'),
        limit: z.number().int().min(1).max(100).default(20),
      })
      .strict(),
    output: z.object({
      tickets: z.array(searchHit),
      customers: z.array(z.lazy(() => customerSummary)),
    }),
    roles: anyStaff,
    description: 'Full-text search over subjects, message text, customer names and e-mails.',
  }),
  'messages.draftFromRule': method({
    input: z.object({ ticketId: id, locale: z.enum(draftLocales).default('en') }).strict(),
    output: z.object({ body: z.string(), decision }),
    roles: anyStaff,
    description:
      'A courteous reply drafted from the rule that refused or does not entitle this item: the right channel, the plans that include it, the community group.',
  }),
  'messages.sendRuleNotice': method({
    input: z.object({ ticketId: id, locale: z.enum(draftLocales).default('en') }).strict(),
    output: z.object({ toEmail: z.string(), body: z.string(), decision }),
    roles: anyStaff,
    description:
      'When the rules refuse every reply in this ticket, e-mail the rule’s notice to the account address instead, noted in the thread.',
  }),
  'managers.suggest': method({
    input: z.object({ customerId: id }).strict(),
    output: z.object({
      suggestion: managerLoad.nullable(),
      candidates: z.array(managerLoad),
      reason: z.string(),
    }),
    roles: ['lead'],
    action: 'ask for a personal-manager suggestion',
    description: 'Suggest the least-loaded active account manager under capacity for a customer.',
  }),
  'managers.assign': method({
    input: z.object({ customerId: id, managerId: id, reason: text(500) }).strict(),
    output: managerAssignment,
    roles: ['lead'],
    action: 'assign personal managers',
    description:
      'Assign (or reassign) a personal manager to an Enterprise Express customer, keeping the history.',
  }),
  'managers.unassign': method({
    input: z.object({ customerId: id, reason: text(500) }).strict(),
    output: managerAssignment,
    roles: ['lead'],
    action: 'end personal-manager assignments',
    description: 'End a customer’s personal-manager assignment, keeping it in the history.',
  }),
  'managers.history': method({
    input: z.object({ customerId: id }).strict(),
    output: z.array(managerAssignment),
    roles: anyStaff,
    description: 'Who managed this customer, from when to when, and why.',
  }),
  'managers.setCapacity': method({
    input: z.object({ staffId: id, capacity: z.number().int().min(0).max(1000) }).strict(),
    output: managerLoad,
    roles: ['lead'],
    action: 'change how many clients an account manager carries',
    description: 'Change how many clients an account manager can carry.',
  }),
  'customers.changePlan': method({
    input: z.object({ customerId: id, planId, effectiveAt: epochMs.optional(), reason: text(500) }).strict(),
    output: planChangeConsequences,
    roles: ['lead', 'account_manager'],
    action: 'change a customer’s plan',
    description:
      'Change a customer’s plan from an effective time; the rules are re-evaluated at once and the consequences recorded.',
  }),
  'clients.list': method({
    input: z.object({ managerId: id.optional() }).strict(),
    output: z.array(clientRow),
    roles: ['account_manager', 'lead'],
    action: 'see client books',
    description: 'An account manager’s clients with their tickets, calls, notes and recent activity.',
  }),
  'clients.markSeen': method({
    input: z.object({ customerId: id }).strict(),
    output: z.null(),
    roles: ['account_manager'],
    action: 'mark their clients as seen',
    description: 'Record that the manager has looked at this client now.',
  }),
  'clients.addNote': method({
    input: z.object({ customerId: id, body: text(5000) }).strict(),
    output: z.object({ id, body: z.string(), authorName: z.string(), createdAt: epochMs }),
    roles: ['account_manager', 'lead'],
    action: 'add notes about clients',
    description: 'Add a note about a client.',
  }),
  'overview.lead': method({
    input: empty,
    output: z.object({
      unmanaged: z.array(customerSummary),
      managers: z.array(managerLoad),
      recentChanges: z.array(managerAssignment),
    }),
    roles: ['lead'],
    action: 'see the personal-management overview',
    description:
      'Enterprise Express customers without a manager, each manager’s load, recent assignment changes.',
  }),
  'settings.get': method({
    input: empty,
    output: settingsShape,
    roles: anyStaff,
    description: 'The console’s team settings.',
  }),
  'settings.update': method({
    input: settingsShape.partial().strict(),
    output: settingsShape,
    roles: ['lead'],
    action: 'change the team settings',
    description: 'Change the console’s team settings.',
  }),
  'channels.smtp.get': method({
    input: empty,
    output: smtpSettings,
    roles: ['lead'],
    action: 'see the mail server settings',
    description: 'The SMTP server the outbox is sent through (never the password).',
  }),
  'channels.smtp.update': method({
    input: smtpSettingsInput,
    output: smtpSettings,
    roles: ['lead'],
    action: 'change the mail server settings',
    description: 'Set the SMTP server; the password is sealed before it is stored.',
  }),
  'channels.smtp.remove': method({
    input: z.object({ updatedAt: epochMs }).strict(),
    output: smtpSettings,
    roles: ['lead'],
    action: 'remove the mail server settings',
    description:
      'Remove the SMTP settings and their sealed password; the outbox keeps its mails until a server is set again. `updatedAt` is when the settings the lead confirms removing were saved.',
  }),
  'channels.smtp.test': method({
    input: z.object({ to: email }).strict(),
    output: smtpTestResult,
    roles: ['lead'],
    action: 'send a test mail',
    description: 'Send a test mail now through the stored SMTP settings and say what the server answered.',
  }),
  'outbox.list': method({
    input: outboxListInput,
    output: outboxList,
    roles: ['lead'],
    action: 'see the outbox',
    description: 'The outbox, newest first, optionally in one delivery state.',
  }),
  'outbox.retry': method({
    input: z.object({ id }).strict(),
    output: outboxItem,
    roles: ['lead'],
    action: 'retry a mail',
    description: 'Queue a failed, needs-attention or cancelled mail again, for a fresh series of tries.',
  }),
  'outbox.cancel': method({
    input: z.object({ id }).strict(),
    output: outboxItem,
    roles: ['lead'],
    action: 'cancel a mail',
    description: 'Stop a mail that has not been handed to the server yet.',
  }),
  'audit.list': method({
    input: z
      .object({
        entity: z.string().max(40).optional(),
        entityId: id.optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: z.array(auditEntry),
    roles: ['lead'],
    action: 'read the audit log',
    description: 'Read the audit log: every write, who made it, when, before and after.',
  }),
  'calls.list': method({
    input: z
      .object({
        statuses: z.array(callStatus).max(5).optional(),
        agentId: id.optional(),
        customerId: id.optional(),
        flaggedForReview: z.boolean().optional(),
        /** Calls starting in [from, to); requests without a time are left out when either is given. */
        from: epochMs.optional(),
        to: epochMs.optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: z.array(callSummary),
    roles: anyStaff,
    description: 'Call requests and calls, by start time (requests by arrival).',
  }),
  'calls.get': method({
    input: z.object({ id }).strict(),
    output: callDetail,
    roles: anyStaff,
    description: 'One call with its questions and the e-mails sent about it.',
  }),
  'calls.slots': method({
    input: z
      .object({
        callId: id,
        /** Default: the rule set's call length. */
        durationMinutes: callDuration.optional(),
        /** Omit for any active agent. */
        agentId: id.optional(),
        /** Default: now plus the lead time. */
        from: callTime.optional(),
        days: z.number().int().min(1).max(31).default(7),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    output: callSlotsResult,
    roles: anyStaff,
    description:
      'Free slots for a call inside phone hours, outside holidays, apart from other calls by the buffer.',
  }),
  'calls.schedule': method({
    input: z
      .object({
        callId: id,
        agentId: id,
        startsAt: wholeMinute,
        /** Default: the rule set's call length. */
        durationMinutes: callDuration.optional(),
        /** Default: a placeholder link for the call's tool. */
        link: meetingLink.optional(),
      })
      .strict(),
    output: callDetail,
    roles: anyStaff,
    description: 'Book a requested call and e-mail the invitation (.ics) to the contact address.',
  }),
  'calls.reschedule': method({
    input: z
      .object({
        callId: id,
        startsAt: wholeMinute,
        /** Default: the call's current length. */
        durationMinutes: callDuration.optional(),
        /** Default: the current agent. */
        agentId: id.optional(),
        /** Default: the current link. */
        link: meetingLink.optional(),
      })
      .strict(),
    output: callDetail,
    roles: anyStaff,
    description: 'Move a booked call and e-mail an updated invitation (same UID, higher SEQUENCE).',
  }),
  'calls.cancel': method({
    input: z.object({ callId: id, reason: text(500) }).strict(),
    output: callDetail,
    roles: anyStaff,
    description: 'Cancel a call request or a booked call; a booked call’s invitation is withdrawn by e-mail.',
  }),
  'calls.complete': method({
    input: z
      .object({
        callId: id,
        outcome: z.enum(['done', 'no_show']),
        note: z.string().trim().max(2000).optional(),
      })
      .strict(),
    output: callDetail,
    roles: anyStaff,
    description: 'Record that a booked call took place or that the customer did not show up.',
  }),
  'calls.calendar': method({
    input: z
      .object({
        from: callTime,
        to: callTime,
        /** Omit for the whole team. */
        agentId: id.optional(),
        includeCancelled: z.boolean().default(false),
      })
      .strict()
      .refine((r) => r.to > r.from, { path: ['to'], message: 'must be after from' })
      .refine((r) => r.to - r.from <= 62 * 86_400_000, {
        path: ['to'],
        message: 'must be at most 62 days after from',
      }),
    output: callCalendarResult,
    roles: anyStaff,
    description: 'Calls with a time in a range, per agent or for the whole team, with the phone hours.',
  }),
  'calls.ics': method({
    input: z.object({ callId: id }).strict(),
    output: z.object({ filename: z.string(), contentType: z.literal('text/calendar'), text: z.string() }),
    roles: anyStaff,
    description: 'Export a booked call as an iCalendar (.ics) file.',
  }),
  'sla.review': method({
    input: slaReviewInput,
    output: slaReview,
    roles: ['lead'],
    action: 'review SLA hours',
    description:
      'Review SLA hours for a date range: by channel, plan and agent, weekly, and arrivals by hour of the week.',
  }),
  'sla.reviewTickets': method({
    input: slaReviewTicketsInput,
    output: z.object({
      rows: z.array(slaReviewTicket),
      nextCursor: z.string().nullable(),
      total: z.number().int().nonnegative(),
    }),
    roles: ['lead'],
    action: 'see the tickets behind the SLA review',
    description: 'The tickets behind a number of the SLA review, by arrival.',
  }),
  'sla.csv': method({
    input: slaCsvInput,
    output: z.object({ filename: z.string(), contentType: z.literal('text/csv'), text: z.string() }),
    roles: ['lead'],
    action: 'export the SLA review',
    description: 'Export a table of the SLA review as CSV.',
  }),
  'sla.explain': method({
    input: z.object({ ticketId: id }).strict(),
    output: slaExplanation,
    roles: anyStaff,
    description:
      'Explain why a ticket is due when it is: business minutes counted, hours and holidays skipped, pauses, target and rule version.',
  }),
  'sla.status': method({
    input: z.object({ ticketIds: z.array(id).min(1).max(200) }).strict(),
    output: z.array(slaTicketStatus),
    roles: anyStaff,
    description:
      'The response clock of these tickets now: business minutes left, pre-breach warning, breach.',
  }),
  'sla.warnings': method({
    input: z.object({ assigneeId: id.optional() }).strict(),
    output: z.object({
      preBreachMinutes: z.number().int().nonnegative(),
      tickets: z.array(slaTicketStatus),
    }),
    roles: anyStaff,
    description: 'Tickets inside the pre-breach window now, soonest due first.',
  }),
  'rules.versions': method({
    input: empty,
    output: z.array(ruleVersionSummary),
    roles: anyStaff,
    description: 'Every rule set version the console has enforced, newest first.',
  }),
  'rules.sla': method({
    input: z.object({ version: z.number().int().positive().optional() }).strict(),
    output: slaRules,
    roles: anyStaff,
    description: 'The SLA targets and channel holidays of a rule set version (the one in force by default).',
  }),
  'rules.previewSla': method({
    input: slaRulesPreviewInput,
    output: slaRulesPreview,
    roles: ['lead'],
    action: 'preview changes to response targets and holidays',
    description:
      'What saving this SLA edit would do to the open tickets: how many would move onto the new version, and their new due times.',
  }),
  'rules.updateSla': method({
    input: slaRulesUpdateInput,
    output: slaRules,
    roles: ['lead'],
    action: 'change response targets and holidays',
    description:
      'Edit SLA targets and channel holidays: validated, stored as a new rule set version and put in force for new tickets.',
  }),
  'channels.website.get': method({
    input: empty,
    output: websiteSettings,
    roles: ['lead'],
    action: 'see the website channel’s settings',
    description: 'The website channel: switched on or off, its endpoint, whether a signing secret is set.',
  }),
  'channels.website.update': method({
    input: z.object({ enabled: z.boolean() }).strict(),
    output: websiteSettings,
    roles: ['lead'],
    action: 'change the website channel’s settings',
    description: 'Switch the website channel on or off (on needs a signing secret).',
  }),
  'channels.website.rotateSecret': method({
    input: empty,
    output: z.object({ settings: websiteSettings, secret: z.string() }),
    roles: ['lead'],
    action: 'create or rotate the website’s signing secret',
    description:
      'A new signing secret, shown this once; the previous one still signs valid posts for a grace period.',
  }),
  'channels.website.recent': method({
    input: z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict(),
    output: websiteRecent,
    roles: ['lead'],
    action: 'see the website’s recent posts',
    description: 'The newest posts the website sent, with their outcome, and the requests refused.',
  }),
  'channels.website.sendTest': method({
    input: websiteTestInput,
    output: websiteTestResult,
    roles: ['lead'],
    action: 'send a test post from the website',
    description:
      'Sign a sample post with the current secret and run it through the endpoint’s checks and admit; nothing is written.',
  }),
  'channels.imap.get': method({
    input: empty,
    output: imapStatus,
    roles: ['lead'],
    action: 'see the mailbox settings',
    description:
      'Where the intake reads mail (the password never leaves the core), its last check and what the mails became.',
  }),
  'channels.imap.update': method({
    input: imapSettingsInput,
    output: imapStatus,
    roles: ['lead'],
    action: 'change the mailbox settings',
    description: 'Set the IMAP server, user, password (sealed) and mailbox; the worker reconnects with them.',
  }),
  'channels.imap.remove': method({
    input: empty,
    output: imapStatus,
    roles: ['lead'],
    action: 'remove the mailbox settings',
    description:
      'Remove the IMAP settings and their sealed password: the intake stops reading; the mail already taken in stays.',
  }),
  'channels.imap.test': method({
    input: empty,
    output: imapTestResult,
    roles: ['lead'],
    action: 'check the mailbox',
    description:
      'Connect and sign in with the stored settings and count what waits in the mailbox; reads nothing.',
  }),
  'mail.attachment': method({
    input: z.object({ id }).strict(),
    output: mailAttachment,
    roles: anyStaff,
    description: 'One attachment of a mail, its bytes in base64.',
  }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export const methodNames = Object.keys(methods) as MethodName[];

// ---------------------------------------------------------------------------------------------
// Events pushed to the renderer

export const dataTopics = [
  'tickets',
  'customers',
  'messages',
  'calls',
  'staff',
  'assignments',
  'settings',
  /** Outbox mails: queued, delivered, failed. */
  'outbox',
  'views',
  /** SLA results: breaches recorded, tickets entering the pre-breach window. */
  'sla',
  /** A new rule set version is in force. */
  'rules',
  /** The website channel's posts and refused requests (Channels → Website). */
  'website',
  /** A session ended without any staff member changing (a sign-out): what servers knew of it goes. */
  'sessions',
] as const;

export const events = {
  /** Something the renderer may be showing changed; it refetches what it shows. */
  'data.changed': z.object({
    topics: z.array(z.enum(dataTopics)),
    ticketIds: z.array(id),
    customerIds: z.array(id),
  }),
  ...slaEvents,
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** The API as the renderer calls it: one async function per method, plus event subscription. */
export type ClientApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<CallResult<MethodOutput<M>>>;
} & {
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
