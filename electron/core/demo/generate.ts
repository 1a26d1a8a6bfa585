// Deterministic demo data: a realistic month of support for a plan-tiered company. Tickets are not
// invented with their outcomes; every customer item and staff answer is decided by the real rules
// engine, in chronological order, against the customer's plan and quota balance at that moment,
// and the rows are shaped exactly like the ones the live handlers write (tickets.ts, messages.ts).
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { ChannelId, Intake, RuleCustomer, RuleUsage, TicketStatus } from '../../../shared/domain';
import { channelIds, ticketStatuses } from '../../../shared/domain';
import { answerNotice, refusalNotice } from '../handlers/notices';
import {
  calendarFor,
  planHasChannel,
  quotaAppliesTo,
  reservesAnswer,
  ruleSetVersion,
  slaTargetFor,
  type RuleSet,
} from '../rules';
import { firstResponseClock } from '../sla/clock';
import { slaColumnsOf } from '../sla/record';
import { computeClock, statusChangeEvent, type ClockView, type SlaEvent } from '../sla/timeline';
import { ensureRuleVersion } from '../sla/versions';
import type { Database } from '../store/schema';
import { syncIdSequences } from '../store';
import {
  CATEGORY_COUNT,
  CUSTOMER_ZONES,
  STAFF,
  callQuestions,
  companyName,
  mailDomain,
  messageBody,
  uniquePersonName,
  slug,
  ticketSubject,
  type BodyKind,
} from './content';
import { BulkInserter, prepareBulkLoad } from './bulk';
import { DecisionCache, decisionOf, materialize, type Decided } from './decisions';
import { Random } from './random';

export interface SeedOptions {
  customers: number;
  tickets: number;
  seed: number;
  /** The demo's "now": every generated instant is relative to it, so a fixed value gives a fixed database. */
  now: number;
  /** How far back tickets go; 30 by default. */
  days?: number;
  /** seedDemo writes finished tickets once this many have gathered; 20,000 by default. */
  batchTickets?: number;
  /** Called by seedDemo after each batch it writes. */
  progress?: (p: SeedProgress) => void;
}

export interface SeedProgress {
  /** Tickets written so far. */
  written: number;
  /** Tickets arrived but not written yet: the ones still in progress, and the next batch. */
  held: number;
}

export interface SeedSummary {
  seed: number;
  now: number;
  days: number;
  ruleSetVersion: string;
  rows: Record<
    | 'staff'
    | 'customers'
    | 'plan_changes'
    | 'manager_assignments'
    | 'tickets'
    | 'messages'
    | 'calls'
    | 'outbox'
    | 'audit_log'
    | 'sla_events'
    | 'sla_breaches',
    number
  >;
  customersByPlan: Record<string, number>;
  ticketsByChannel: Record<string, number>;
  ticketsByStatus: Record<string, number>;
  callsByStatus: Record<string, number>;
  /** Tickets refused at intake, and by reason code. */
  refused: number;
  refusedByReason: Record<string, number>;
  /** Accepted tickets that arrived while their channel was closed (clock_starts_at > created_at). */
  outsideHours: number;
  /** Customers currently on a quota plan, by quota messages used ("0".."limit"). */
  freeQuotaLevels: Record<string, number>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Rough customer mix by plan (percent); plans a custom rule set adds get a small share. */
const PLAN_MIX: Record<string, number> = {
  free: 40,
  standard: 15,
  professional: 12,
  enterprise: 8,
  standard_express: 10,
  professional_express: 8,
  enterprise_express: 7,
};

/** Share of answers given inside their SLA target; the others are late by a bounded amount. */
const ON_TIME = 0.87;
/** A late answer usually comes at most this many business minutes after its target... */
const LATE_CAP_MINUTES = 8 * 60;
/** ...and one that slipped through the cracks at most this many... */
const SLIPPED_CAP_MINUTES = 16 * 60;
/** ...and none more than this by the wall clock. */
const MAX_LATE = 3 * DAY;
/** A ticket waiting on the customer is solved after this many minutes without a reply (range). */
const WAITING_SOLVED_AFTER = [36 * 60, 72 * 60] as const;
/** A solved ticket is closed this long after it was solved, unless the customer writes back. */
const SOLVED_CLOSED_AFTER = 4 * DAY;

// ---------------------------------------------------------------------------------------------
// In-memory model

interface CustomerSim {
  id: number;
  name: string;
  first: string;
  company: string | null;
  email: string;
  zone: string | null;
  createdAt: number;
  /** Plan periods, ascending; the first starts at createdAt. */
  timeline: {
    at: number;
    planId: string;
    fromPlanId: string | null;
    reason: string;
    changedBy: number | null;
  }[];
  used: number;
  /** Tickets holding quota messages for the answers of their unanswered questions (TicketSim.reserved). */
  reserving: Set<TicketSim>;
  /** Target quota level for the customers scripted to show every level; null for the rest. */
  pinned: number | null;
  managerId: number | null;
  ruleCustomers: Map<string, RuleCustomer>;
}

interface CallSim {
  id: number;
  agentId: number | null;
  status: 'requested' | 'scheduled' | 'done' | 'no_show' | 'cancelled';
  questions: string[];
  contactEmail: string;
  tool: 'skype' | 'google_meet';
  startsAt: number | null;
  endsAt: number | null;
  link: string | null;
  updatedAt: number;
  /** When the agent booked it (simulation only); answers before then acknowledge the request. */
  bookedAt: number | null;
}

interface TicketSim {
  id: number;
  customer: CustomerSim;
  channel: ChannelId;
  category: number;
  subject: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  createdAt: number;
  decision: Decided;
  accepted: boolean;
  status: TicketStatus;
  assigneeId: number | null;
  updatedAt: number;
  clockStartsAt: number;
  firstResponseAt: number | null;
  /**
   * What moved the SLA clock, as the live handlers record it; deadlines and breaches are computed
   * from these by the same pure clock when the rows are written.
   */
  sla: SlaEvent[];
  lastCustomerAt: number | null;
  lastStaffAt: number | null;
  scripted: boolean;
  call: CallSim | null;
  /** Bumped by every status change and accepted customer message; guards automatic transitions. */
  stage: number;
  /** Counted questions no answer has followed yet: each keeps a quota message for the answer. */
  reserved: number;
  /** The ticket's messages and e-mails, in creation order; emptied once its rows are written. */
  messages: MessageSim[];
  outbox: OutboxSim[];
  /** Events still queued for it: at 0 the ticket is final and its rows can be written. */
  pending: number;
}

interface MessageSim {
  /** Row id: messages are numbered in the order they happen, across all tickets. */
  id: number;
  ticket: TicketSim;
  authorStaffId: number | null;
  kind: 'question' | 'answer' | 'blog_comment' | 'internal_note';
  bodyKind: BodyKind;
  bodySeed: number;
  accepted: boolean;
  counts: boolean;
  decision: Decided | null;
  createdAt: number;
}

const DEMO_DELIVERY = { pending: 'queued', sent: 'sent', failed: 'needs_attention' } as const;

interface OutboxSim {
  /** Row id, in the order the e-mails were queued. */
  id: number;
  createdAt: number;
  ticket: TicketSim;
  kind: 'answer_notification' | 'intake_refused';
  /** The answer the notification carries, or the refused decision. */
  message: MessageSim | null;
  decision: Decided | null;
  status: 'pending' | 'sent' | 'failed';
  sentAt: number | null;
}

/** A scripted arrival names its customer and channel; the others are drawn when they happen. */
interface Arrival {
  at: number;
  customer: CustomerSim | null;
  channel: ChannelId | null;
}

/** Phone requests: 0 complete, 1 without questions, 2 without a valid contact e-mail. */
type CallDefect = 0 | 1 | 2;

/** Draws customers by activity: a few very active ones and a long tail, like a real queue. */
class CustomerPicker {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    rules: RuleSet,
    r: Random,
    private readonly pool: CustomerSim[],
  ) {
    let total = 0;
    for (const c of pool) {
      const plan = rules.plans.find((p) => p.id === currentPlan(c));
      total += (plan?.express ? 1.5 : plan?.paid ? 1 : 0.6) * (r.chance(0.1) ? 6 : 0.3 + r.float());
      this.cumulative.push(total);
    }
    this.total = total;
  }

  get empty(): boolean {
    return this.pool.length === 0;
  }

  pick(r: Random): CustomerSim {
    const x = r.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    const c = this.pool[lo];
    if (!c) throw new Error('no customer to pick');
    return c;
  }
}

type EventType = 'assign' | 'answer' | 'follow_up' | 'note' | 'status';

interface SimEvent {
  at: number;
  seq: number;
  type: EventType;
  ticket: TicketSim;
  staffId: number | null;
  status: TicketStatus | null;
  /** -1 always applies; otherwise the event is void once the ticket has moved past this stage. */
  stage: number;
}

/** A binary min-heap on (at, seq), so simultaneous events keep the order they were planned in. */
class EventQueue {
  private readonly items: SimEvent[] = [];
  private seq = 0;

  push(event: Omit<SimEvent, 'seq'>): void {
    // Built field by field: a spread copy gives objects V8 handles several times slower here.
    const item: SimEvent = {
      at: event.at,
      seq: this.seq++,
      type: event.type,
      ticket: event.ticket,
      staffId: event.staffId,
      status: event.status,
      stage: event.stage,
    };
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = a[p] as SimEvent;
      if (!before(item, parent)) break;
      a[i] = parent;
      i = p;
    }
    a[i] = item;
  }

  peek(): SimEvent | undefined {
    return this.items[0];
  }

  pop(): SimEvent | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (top === undefined || last === undefined || a.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const child = r < a.length && before(a[r] as SimEvent, a[l] as SimEvent) ? r : l;
      if (!before(a[child] as SimEvent, last)) break;
      a[i] = a[child] as SimEvent;
      i = child;
    }
    a[i] = last;
    return top;
  }
}

function before(x: SimEvent, y: SimEvent): boolean {
  return x.at < y.at || (x.at === y.at && x.seq < y.seq);
}

// ---------------------------------------------------------------------------------------------
// Public API

export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  return (await existingRows(db)).length === 0;
}

async function existingRows(db: Kysely<Database>): Promise<string[]> {
  const found: string[] = [];
  for (const table of ['customers', 'tickets', 'staff'] as const) {
    const row = await db.selectFrom(table).select('id').limit(1).executeTakeFirst();
    if (row) found.push(table);
  }
  return found;
}

export async function seedDemo(
  db: Kysely<Database>,
  rules: RuleSet,
  options: SeedOptions,
): Promise<SeedSummary> {
  checkOptions(options);
  const existing = await existingRows(db);
  if (existing.length > 0) throw notEmpty(existing);
  // One transaction: the demo is generated and written as it goes, a batch of finished tickets at a
  // time, so memory holds the customers and the tickets still in progress, not the whole month; an
  // interrupted seed leaves the database empty.
  return db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: another process may have written since the first look.
    const again = await existingRows(trx);
    if (again.length > 0) throw notEmpty(again);
    const finishBulkLoad = await prepareBulkLoad(trx);
    const summary = await writeDemo(trx, rules, options);
    await finishBulkLoad();
    await syncIdSequences(trx);
    return summary;
  });
}

function notEmpty(tables: string[]): Error {
  return new Error(
    `Demo data can only fill an empty database, and this one already has ${tables.join(', ')}.`,
  );
}

function checkOptions(o: SeedOptions): void {
  const days = o.days ?? 30;
  const problems: string[] = [];
  if (!Number.isSafeInteger(o.customers) || o.customers < 1)
    problems.push('customers must be a positive integer');
  if (!Number.isSafeInteger(o.tickets) || o.tickets < 0)
    problems.push('tickets must be a non-negative integer');
  if (!Number.isSafeInteger(o.seed)) problems.push('seed must be an integer');
  if (!Number.isSafeInteger(days) || days < 1 || days > 3650)
    problems.push('days must be an integer from 1 to 3650');
  if (!Number.isSafeInteger(o.now) || o.now < (days + 5 * 365) * DAY)
    problems.push('now must be epoch milliseconds');
  if (o.batchTickets !== undefined && (!Number.isSafeInteger(o.batchTickets) || o.batchTickets < 1))
    problems.push('batchTickets must be a positive integer');
  if (problems.length > 0) throw new Error(`Invalid demo options: ${problems.join('; ')}.`);
}

// ---------------------------------------------------------------------------------------------
// Building

export interface Demo {
  customers: CustomerSim[];
  tickets: TicketSim[];
  messages: MessageSim[];
  calls: { call: CallSim; ticket: TicketSim }[];
  outbox: OutboxSim[];
  assignments: {
    customerId: number;
    managerId: number;
    startedAt: number;
    endedAt: number | null;
    reason: string;
    endedReason: string | null;
  }[];
  /** Each ticket's SLA clock read at "now", by ticket index. */
  slaClocks: ClockView[];
  summary: SeedSummary;
}

const AGENT_IDS = STAFF.flatMap((s, i) => (s.role === 'agent' ? [i + 1] : []));
const MANAGER_IDS = STAFF.flatMap((s, i) => (s.role === 'account_manager' ? [i + 1] : []));
const LEAD_ID = STAFF.findIndex((s) => s.role === 'lead') + 1;

/** Everything decided before the first ticket arrives, and the simulation that plays the month. */
interface Prepared {
  customers: CustomerSim[];
  assignments: Demo['assignments'];
  arrivals: Arrivals;
  simulation(done: (ticket: TicketSim) => void): Simulation;
}

function prepare(rules: RuleSet, options: SeedOptions, reuseDecisions: boolean): Prepared {
  const now = options.now;
  const days = options.days ?? 30;
  const windowStart = now - days * DAY;
  const r = new Random(options.seed);
  const cache = new DecisionCache(rules, reuseDecisions);
  const customers = makeCustomers(rules, r, options.customers, now, windowStart);
  const assignments = makeAssignments(rules, r, customers, now);
  const arrivals = makeArrivals(rules, r, customers, options.tickets, now, windowStart);
  const picker = new CustomerPicker(
    rules,
    r,
    customers.filter((c) => c.pinned === null),
  );
  return {
    customers,
    assignments,
    arrivals,
    simulation: (done) => new Simulation(rules, r, cache, now, picker, done),
  };
}

/**
 * The whole demo in memory (small demos and tests; seedDemo streams instead). `reuseDecisions:
 * false` makes every decision a fresh engine call.
 */
export function buildDemo(
  rules: RuleSet,
  options: SeedOptions,
  tuning: { reuseDecisions?: boolean } = {},
): Demo {
  const p = prepare(rules, options, tuning.reuseDecisions ?? true);
  const tickets: TicketSim[] = [];
  p.simulation((t) => tickets.push(t)).run(p.arrivals);
  tickets.sort((a, b) => a.id - b.id);
  const slaClocks = tickets.map((t) => slaClockOf(rules, t, options.now));
  const tally = new Tally(rules);
  tickets.forEach((t, i) => tally.add(t, slaClocks[i] as ClockView));
  return {
    customers: p.customers,
    tickets,
    messages: tickets.flatMap((t) => t.messages).sort((a, b) => a.id - b.id),
    calls: tickets
      .flatMap((ticket) => (ticket.call ? [{ call: ticket.call, ticket }] : []))
      .sort((a, b) => a.call.id - b.call.id),
    outbox: tickets.flatMap((t) => t.outbox).sort((a, b) => a.id - b.id),
    assignments: p.assignments,
    slaClocks,
    summary: tally.summary(options, p.customers, p.assignments),
  };
}

function planAt(c: CustomerSim, at: number): string {
  let plan = c.timeline[0]?.planId ?? '';
  for (const p of c.timeline) if (p.at <= at) plan = p.planId;
  return plan;
}

function currentPlan(c: CustomerSim): string {
  return c.timeline[c.timeline.length - 1]?.planId ?? '';
}

function makeCustomers(
  rules: RuleSet,
  r: Random,
  count: number,
  now: number,
  windowStart: number,
): CustomerSim[] {
  const planIds = rules.plans.map((p) => p.id);
  // Shares first, then at least one customer per plan, then the largest plans absorb the rounding.
  const weights = planIds.map((id) => PLAN_MIX[id] ?? 5);
  const total = weights.reduce((a, b) => a + b, 0);
  const perPlan = weights.map((w) => Math.max(1, Math.round((w / total) * count)));
  let diff = count - perPlan.reduce((a, b) => a + b, 0);
  while (diff !== 0) {
    const i = perPlan.indexOf(Math.max(...perPlan));
    if (diff < 0 && (perPlan[i] ?? 0) <= 1) break;
    perPlan[i] = (perPlan[i] ?? 0) + Math.sign(diff);
    diff -= Math.sign(diff);
  }
  const plans: string[] = [];
  planIds.forEach((id, i) => {
    for (let k = 0; k < (perPlan[i] ?? 0); k++) plans.push(id);
  });
  r.shuffle(plans);
  // Fewer customers than plans: the mix cannot hold, so the list is cut (tiny demos only).
  plans.length = Math.min(plans.length, count);

  const quotaPlan = planIds.find((id) => quotaAppliesTo(rules, id)) ?? null;
  const limit = rules.quota?.limit ?? 0;
  const pinTargets = quotaPlan ? Array.from({ length: limit + 1 }, (_, i) => i) : [];
  const emails = new Set<string>();
  const names = new Set<string>();
  const out: CustomerSim[] = [];
  plans.forEach((planId, index) => {
    const { first, last, name } = uniquePersonName(r, names);
    const company =
      planId === quotaPlan ? (r.chance(0.35) ? companyName(r) : null) : r.chance(0.9) ? companyName(r) : null;
    const domain = mailDomain(r, company);
    const base = `${slug(first)}.${slug(last)}`;
    let email = `${base}@${domain}`;
    for (let n = 2; emails.has(email); n++) email = `${base}${n}@${domain}`;
    emails.add(email);
    const createdAt = windowStart - r.int(2, 3 * 365) * DAY - r.int(0, DAY - 1);
    let pinned: number | null = null;
    if (planId === quotaPlan && pinTargets.length > 0) pinned = pinTargets.shift() ?? null;
    const timeline = makeTimeline(rules, r, planId, createdAt, now, pinned !== null);
    out.push({
      id: index + 1,
      name,
      first,
      company,
      email,
      zone: r.weighted(CUSTOMER_ZONES),
      createdAt,
      timeline,
      used: 0,
      reserving: new Set(),
      pinned,
      managerId: null,
      ruleCustomers: new Map(),
    });
  });
  return out;
}

function tierOf(rules: RuleSet, planId: string): number {
  const plan = rules.plans.find((p) => p.id === planId);
  if (!plan) return 0;
  return (plan.paid ? 1 : 0) + (plan.express ? 3 : 0) + rules.plans.indexOf(plan) / 100;
}

function makeTimeline(
  rules: RuleSet,
  r: Random,
  planId: string,
  createdAt: number,
  now: number,
  fixed: boolean,
): CustomerSim['timeline'] {
  const changes = fixed
    ? 0
    : r.weighted([
        [0, 70],
        [1, 22],
        [2, 8],
      ] as const);
  // Walk back from the current plan: each earlier plan differs from the one after it.
  const plans = [planId];
  for (let i = 0; i < changes; i++) {
    const next = plans[0] ?? planId;
    const others = rules.plans.map((p) => p.id).filter((id) => id !== next);
    plans.unshift(r.pick(others));
  }
  const times = Array.from({ length: changes }, () => r.int(createdAt + DAY, now - DAY)).sort(
    (a, b) => a - b,
  );
  const timeline: CustomerSim['timeline'] = [
    { at: createdAt, planId: plans[0] ?? planId, fromPlanId: null, reason: 'Signed up', changedBy: null },
  ];
  for (let i = 1; i < plans.length; i++) {
    const from = plans[i - 1] ?? planId;
    const to = plans[i] ?? planId;
    const up = tierOf(rules, to) > tierOf(rules, from);
    const toPaid = rules.plans.find((p) => p.id === to)?.paid ?? false;
    const [reason, changedBy] = up
      ? r.weighted([
          [['Upgraded online', null], 5],
          [['Upgrade arranged by the account manager', MANAGER_IDS[0] ?? null], 2],
          [['Needed phone support for the launch', LEAD_ID], 1],
        ] as const)
      : toPaid
        ? r.weighted([
            [['Downgraded at renewal', null], 4],
            [['Budget review: fewer seats needed', LEAD_ID], 1],
          ] as const)
        : r.weighted([
            [['Payment failed; moved to Free', null], 2],
            [['Cancelled the subscription', null], 3],
          ] as const);
    timeline.push({ at: times[i - 1] ?? now - DAY, planId: to, fromPlanId: from, reason, changedBy });
  }
  return timeline;
}

function makeAssignments(
  rules: RuleSet,
  r: Random,
  customers: CustomerSim[],
  now: number,
): Demo['assignments'] {
  const managed = new Set(rules.personalManager.plans);
  const out: Demo['assignments'] = [];
  if (MANAGER_IDS.length === 0) return out;
  // Past periods on a managed plan that ended: the assignment ended with them (history).
  for (const c of customers) {
    c.timeline.forEach((period, i) => {
      const next = c.timeline[i + 1];
      if (!managed.has(period.planId) || !next) return;
      out.push({
        customerId: c.id,
        managerId: r.pick(MANAGER_IDS),
        startedAt: period.at + r.int(1, 48) * HOUR,
        endedAt: next.at,
        reason: 'Enterprise Express onboarding',
        endedReason: 'Customer left the plan',
      });
    });
  }
  const current = customers.filter((c) => managed.has(currentPlan(c)));
  // One or two are left without a manager on purpose: the lead's overview exists to catch them.
  const withoutCount = current.length >= 4 ? 2 : current.length >= 2 ? 1 : 0;
  const reassignedCount = Math.min(2, Math.max(0, current.length - withoutCount - 1));
  current.forEach((c, i) => {
    if (i < withoutCount) return;
    const since = c.timeline[c.timeline.length - 1]?.at ?? c.createdAt;
    const managerId = MANAGER_IDS[i % MANAGER_IDS.length] ?? MANAGER_IDS[0] ?? 0;
    let startedAt = since + r.int(1, 48) * HOUR;
    if (startedAt >= now) startedAt = since;
    if (i < withoutCount + reassignedCount) {
      const handover = startedAt + Math.floor((now - startedAt) * (0.3 + r.float() * 0.5));
      const previous = MANAGER_IDS.find((m) => m !== managerId) ?? managerId;
      out.push({
        customerId: c.id,
        managerId: previous,
        startedAt,
        endedAt: handover,
        reason: 'Enterprise Express onboarding',
        endedReason: 'Reassigned to balance the managers’ workload',
      });
      startedAt = handover;
    }
    c.managerId = managerId;
    out.push({
      customerId: c.id,
      managerId,
      startedAt,
      endedAt: null,
      reason: i < withoutCount + reassignedCount ? 'Reassigned by the lead' : 'Enterprise Express onboarding',
      endedReason: null,
    });
  });
  return out;
}

/** Business hours get most arrivals, but evenings, nights and weekends get plenty too. */
function arrivalTime(r: Random, now: number, windowStart: number): number {
  for (;;) {
    const dayStart =
      Math.floor(windowStart / DAY) * DAY + r.int(0, Math.ceil((now - windowStart) / DAY)) * DAY;
    const weekday = (Math.floor(dayStart / DAY) + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    if ((weekday === 0 || weekday === 6) && !r.chance(0.45)) continue;
    const offset = r.chance(0.68)
      ? Math.floor(((r.float() + r.float()) / 2) * 12 * HOUR) + 6 * HOUR
      : r.int(0, DAY - 1);
    const at = dayStart + offset + r.int(0, 59) * 1000;
    if (at > windowStart && at < now) return at;
  }
}

function channelFor(rules: RuleSet, r: Random, planId: string): ChannelId {
  const base: Record<ChannelId, number> = { topic: 30, email: 32, chat: 20, phone: 14, blog_comment: 5 };
  const quota = quotaAppliesTo(rules, planId);
  const entries = channelIds.map((ch) => {
    let w = base[ch];
    if (!planHasChannel(rules, planId, ch)) w *= 0.22;
    if (quota && ch === 'topic') w *= 2;
    if (quota && ch === 'blog_comment') w *= 3;
    return [ch, w] as const;
  });
  return r.weighted(entries);
}

/**
 * Arrivals in time order: the scripted ones as objects, the drawn ones (all but a handful) as bare
 * instants in a typed array, 8 bytes each, so a million arrivals do not cost a million objects.
 */
interface Arrivals {
  scripted: Arrival[];
  times: Float64Array;
}

function makeArrivals(
  rules: RuleSet,
  r: Random,
  customers: CustomerSim[],
  count: number,
  now: number,
  windowStart: number,
): Arrivals {
  const out: Arrival[] = [];
  // Scripted customers reach each quota level exactly: topic questions spend 2 with their answer,
  // blog comments 1, and the last one also shows the refusal once the quota is used up.
  const pinned = customers.filter((c) => c.pinned !== null);
  const scripts = pinned.map((c) => {
    const level = c.pinned ?? 0;
    const steps: ChannelId[] = [];
    for (let i = 0; i < Math.floor(level / 2); i++) steps.push('topic');
    if (level % 2 === 1) steps.push('blog_comment');
    if (level === 0) steps.push('email');
    if (level === (rules.quota?.limit ?? 0)) steps.push('topic');
    return { c, steps };
  });
  const scriptTotal = scripts.reduce((n, s) => n + s.steps.length, 0);
  const span = now - 2 * DAY - (windowStart + HOUR);
  if (scriptTotal <= count && span > 0) {
    for (const { c, steps } of scripts) {
      const gap = Math.min(2 * DAY, Math.floor(span / (steps.length + 1)));
      let at = windowStart + HOUR + r.int(0, Math.max(0, span - gap * steps.length));
      for (const channel of steps) {
        out.push({ at, customer: c, channel });
        at += gap;
      }
    }
  } else {
    for (const c of pinned) c.pinned = null;
  }

  const times = new Float64Array(Math.max(0, count - out.length));
  for (let i = 0; i < times.length; i++) times[i] = arrivalTime(r, now, windowStart);
  // Stable sort: equal instants keep their generation order, so the result is deterministic (the
  // drawn arrivals are alike but for their instant, and come after the scripted ones on a tie).
  return { scripted: out.sort((a, b) => a.at - b.at), times: times.sort() };
}

/** The arrivals merged in time order, a scripted one first when both happen at the same instant. */
function* inOrder(arrivals: Arrivals): Generator<Arrival> {
  const { scripted, times } = arrivals;
  let s = 0;
  for (let i = 0; i < times.length; i++) {
    const at = times[i] as number;
    for (; s < scripted.length && (scripted[s] as Arrival).at <= at; s++) yield scripted[s] as Arrival;
    yield { at, customer: null, channel: null };
  }
  for (; s < scripted.length; s++) yield scripted[s] as Arrival;
}

// ---------------------------------------------------------------------------------------------
// Simulation: arrivals in time order, with each ticket's later events (assignment, answers,
// follow-ups, notes, status changes) interleaved through a queue, so quota balances are always
// the ones the live app would have read at that instant.

class Simulation {
  private readonly queue = new EventQueue();
  private readonly slots = new Map<number, Set<number>>();
  private ticketCount = 0;
  get created(): number {
    return this.ticketCount;
  }
  private messageCount = 0;
  private callCount = 0;
  private outboxCount = 0;

  /**
   * `done` receives each ticket once nothing more will happen to it before "now" (no event of its
   * is queued): its fields, messages, call and e-mails are final, so its rows can be written and the
   * simulation keeps only the tickets still in progress.
   */
  constructor(
    private readonly rules: RuleSet,
    private readonly r: Random,
    private readonly cache: DecisionCache,
    private readonly now: number,
    private readonly picker: CustomerPicker,
    private readonly done: (ticket: TicketSim) => void,
  ) {}

  /** The whole simulation at once. */
  run(arrivals: Arrivals): void {
    for (const step of this.steps(arrivals)) void step;
  }

  /** The simulation one arrival at a time, so a caller can write what is done between steps. */
  *steps(arrivals: Arrivals): Generator<void> {
    for (const a of inOrder(arrivals)) {
      this.drain(a.at);
      const ticket = this.arrive(a);
      if (ticket && ticket.pending === 0) this.done(ticket);
      yield;
    }
    this.drain(this.now);
  }

  private drain(until: number): void {
    for (let e = this.queue.peek(); e && e.at <= until; e = this.queue.peek()) {
      this.queue.pop();
      this.handle(e);
      if (--e.ticket.pending === 0) this.done(e.ticket);
    }
  }

  /** Events that would happen after "now" have not happened yet, so they are not queued. */
  private plan(event: Omit<SimEvent, 'seq' | 'stage'> & { stage?: number }): void {
    if (event.at < this.now) {
      event.ticket.pending++;
      this.queue.push({
        at: event.at,
        type: event.type,
        ticket: event.ticket,
        staffId: event.staffId,
        status: event.status,
        stage: event.stage ?? -1,
      });
    }
  }

  private ruleCustomer(c: CustomerSim, planId: string): RuleCustomer {
    let rc = c.ruleCustomers.get(planId);
    if (!rc) {
      rc = { planId, accountEmail: c.email, zone: c.zone };
      c.ruleCustomers.set(planId, rc);
    }
    return rc;
  }

  /** The usage the store would read (quotaUsage): reservations count on tickets still in progress. */
  private decide(c: CustomerSim, intake: Intake, at: number, ticket?: TicketSim): Decided {
    const holds = (t: TicketSim) => (t.status === 'solved' || t.status === 'closed' ? 0 : t.reserved);
    let quotaReserved = 0;
    for (const t of c.reserving) quotaReserved += holds(t);
    const usage: RuleUsage = { quotaUsed: c.used, quotaReserved };
    if (ticket && quotaReserved > 0) usage.ticketReserved = holds(ticket);
    return this.cache.decide(this.ruleCustomer(c, planAt(c, at)), usage, intake, at);
  }

  /**
   * Who writes and on which channel. Customers whose quota is used up mostly stop asking after a
   * refusal or two, so a drawn customer with no room left is usually replaced by another one.
   */
  private draw(a: Arrival): { c: CustomerSim; channel: ChannelId; scripted: boolean } | null {
    if (a.customer && a.channel) return { c: a.customer, channel: a.channel, scripted: true };
    if (this.picker.empty) return null;
    const r = this.r;
    const limit = this.rules.quota?.limit ?? 0;
    let c = this.picker.pick(r);
    for (let i = 0; i < 3 && quotaAppliesTo(this.rules, planAt(c, a.at)) && c.used >= limit - 1; i++) {
      if (!r.chance(0.75)) break;
      c = this.picker.pick(r);
    }
    return { c, channel: channelFor(this.rules, r, planAt(c, a.at)), scripted: false };
  }

  private arrive(arrival: Arrival): TicketSim | null {
    const { r, rules } = this;
    const drawn = this.draw(arrival);
    if (!drawn) return null;
    const { c, channel, scripted } = drawn;
    const a = { at: arrival.at, customer: c, channel, scripted };
    const planId = planAt(c, a.at);
    const intake = this.intakeFor(a);
    const decision = this.decide(c, intake, a.at);
    const accepted = decision.outcome === 'accept';
    const clock = accepted
      ? firstResponseClock(rules, a.channel, planId, a.at)
      : { startsAt: a.at, dueAt: null };
    const category = r.int(0, CATEGORY_COUNT - 1);
    const express = rules.plans.find((p) => p.id === planId)?.express ?? false;
    const ticket: TicketSim = {
      id: ++this.ticketCount,
      customer: c,
      channel: a.channel,
      category,
      subject:
        a.channel === 'blog_comment'
          ? `Comment on “${ticketSubject(category, r.seed())}”`
          : ticketSubject(category, r.seed()),
      priority: r.weighted([
        ['low', 15],
        ['normal', 68],
        ['high', express ? 12 : 8],
        ['urgent', express ? 5 : 2],
      ] as const),
      createdAt: a.at,
      decision,
      accepted,
      status: 'new',
      assigneeId: null,
      updatedAt: a.at,
      clockStartsAt: clock.startsAt,
      firstResponseAt: null,
      sla: [{ at: a.at, kind: 'arrival' }],
      lastCustomerAt: a.at,
      lastStaffAt: null,
      scripted: a.scripted,
      call: null,
      stage: 0,
      reserved: 0,
      messages: [],
      outbox: [],
      pending: 0,
    };
    const kind = a.channel === 'blog_comment' ? 'blog_comment' : 'question';
    this.message(ticket, null, kind, kind === 'blog_comment' ? 'comment' : 'question', decision, a.at);
    if (!accepted) {
      this.notify(ticket, 'intake_refused', null, decision, a.at);
      this.planRefusedFollowUp(ticket);
      return ticket;
    }
    const agent = this.pickAgent(c);
    this.plan({ at: a.at + r.int(5, 8 * 60) * MINUTE, type: 'assign', ticket, staffId: agent, status: null });
    if (!a.scripted && r.chance(0.12)) {
      this.plan({
        at: a.at + r.int(10, 48 * 60) * MINUTE,
        type: 'note',
        ticket,
        staffId: null,
        status: null,
      });
    }
    if (a.channel === 'phone' && intake.kind === 'call_request') {
      this.requestCall(ticket, intake, agent);
      return ticket;
    }
    // Every question is answered; some blog comments ("thanks, great post") only need closing.
    if (a.scripted || a.channel !== 'blog_comment' || r.chance(0.75)) {
      this.planAnswer(ticket, agent, 'first');
      return ticket;
    }
    this.plan({
      at: a.at + r.int(30, 20 * 60) * MINUTE,
      type: 'status',
      ticket,
      staffId: agent,
      status: 'closed',
    });
    return ticket;
  }

  private intakeFor(a: { customer: CustomerSim; channel: ChannelId }): Intake {
    switch (a.channel) {
      case 'topic':
        return { kind: 'topic_question' };
      case 'blog_comment':
        return { kind: 'blog_comment' };
      case 'email':
        return { kind: 'email' };
      case 'chat':
        return { kind: 'chat' };
      case 'phone': {
        const r = this.r;
        const defect: CallDefect = r.weighted([
          [0, 86],
          [1, 7],
          [2, 7],
        ] as const);
        const questions = defect === 1 ? [] : callQuestions(r.seed());
        const contactEmail =
          defect === 2
            ? r.pick(['', 'call me on skype'])
            : r.chance(0.8)
              ? a.customer.email
              : `it@${a.customer.email.split('@')[1] ?? 'example.com'}`;
        return {
          kind: 'call_request',
          questions,
          contactEmail,
          tool: r.chance(0.6) ? 'skype' : 'google_meet',
        };
      }
    }
  }

  private pickAgent(c: CustomerSim): number {
    if (c.managerId !== null && this.r.chance(0.4)) return c.managerId;
    return this.r.pick(AGENT_IDS);
  }

  /**
   * The answer comes after a realistic share of the SLA target, in the channel's business time:
   * most inside it (more often in its second half than its first), about one in eight late. A late
   * answer misses by a fraction of the target, or slipped through the cracks and waits most of a
   * working day more; never more than three days by the wall clock (a weekend), never weeks, as in a
   * desk whose agents work their queue every day.
   */
  private planAnswer(ticket: TicketSim, staffId: number, which: 'first' | 'next'): void {
    const r = this.r;
    const from = which === 'first' ? ticket.createdAt : (ticket.lastCustomerAt ?? ticket.createdAt);
    // Targets follow the plan at arrival, as the clock measures them (sla/record.ts).
    const target = slaTargetFor(this.rules, ticket.channel, planAt(ticket.customer, ticket.createdAt));
    const minutes = target
      ? which === 'first'
        ? target.firstResponseMinutes
        : target.nextResponseMinutes
      : 24 * 60;
    const calendar = calendarFor(this.rules, ticket.channel);
    let at: number;
    if (ticket.scripted || r.chance(ON_TIME)) {
      const share = ticket.scripted ? 0.05 + r.float() * 0.4 : 0.05 + Math.max(r.float(), r.float()) * 0.9;
      at = calendar.addBusinessMinutes(from, Math.max(1, Math.round(minutes * share)));
    } else {
      const due = calendar.addBusinessMinutes(from, minutes);
      const late = r.chance(0.35)
        ? Math.min(LATE_CAP_MINUTES, Math.round(minutes * (0.1 + r.float() * 0.9)))
        : r.int(8 * 60, SLIPPED_CAP_MINUTES);
      at = calendar.addBusinessMinutes(due, Math.max(1, late));
      // Business minutes can span a weekend; nobody leaves a late ticket that long.
      if (at - due > MAX_LATE) at = calendar.addBusinessMinutes(due, r.int(1, 120));
      at = Math.min(at, due + MAX_LATE);
    }
    this.plan({ at: Math.max(at, from + MINUTE), type: 'answer', ticket, staffId, status: null });
  }

  private planRefusedFollowUp(ticket: TicketSim): void {
    const r = this.r;
    const agent = r.pick(AGENT_IDS);
    // Now and then an agent writes a courteous reply to a refused e-mail or chat before closing it.
    if ((ticket.channel === 'email' || ticket.channel === 'chat') && r.chance(0.12)) {
      this.plan({
        at: ticket.createdAt + r.int(20, 6 * 60) * MINUTE,
        type: 'answer',
        ticket,
        staffId: agent,
        status: null,
      });
    }
    // Refusals are tidied away within the day or so; only the latest still wait in the queue.
    const closeAt = ticket.createdAt + r.int(2 * 60, 30 * 60) * MINUTE;
    if (r.chance(0.6))
      this.plan({
        at: closeAt - r.int(1, 2 * 60) * MINUTE,
        type: 'assign',
        ticket,
        staffId: agent,
        status: null,
      });
    this.plan({ at: closeAt, type: 'status', ticket, staffId: agent, status: 'closed' });
  }

  private handle(e: SimEvent): void {
    const t = e.ticket;
    if (t.status === 'closed') return;
    switch (e.type) {
      case 'assign':
        if (t.assigneeId === null && e.staffId !== null) {
          t.assigneeId = e.staffId;
          t.updatedAt = e.at;
        }
        return;
      case 'note':
        this.message(t, t.assigneeId ?? this.r.pick(AGENT_IDS), 'internal_note', 'note', null, e.at);
        return;
      case 'answer':
        this.answer(t, e.staffId ?? this.r.pick(AGENT_IDS), e.at);
        return;
      case 'follow_up':
        this.followUp(t, e.at);
        return;
      case 'status':
        if (e.status && (e.stage < 0 || e.stage === t.stage)) this.setStatus(t, e.status, e.at);
        return;
    }
  }

  private answer(t: TicketSim, staffId: number, at: number): void {
    const r = this.r;
    const decision = this.decide(t.customer, { kind: 'staff_answer', channel: t.channel }, at, t);
    // A refused staff answer writes nothing in the live app (the composer keeps the draft); the
    // agent closes the ticket instead of leaving it in the queue.
    if (decision.outcome === 'refuse') {
      this.plan({
        at: at + r.int(10, 4 * 60) * MINUTE,
        type: 'status',
        ticket: t,
        staffId,
        status: 'closed',
      });
      return;
    }
    const first = t.firstResponseAt === null;
    const bodyKind: BodyKind = t.call
      ? t.call.bookedAt !== null && at >= t.call.bookedAt
        ? 'call_answer'
        : 'call_ack'
      : first
        ? 'answer'
        : 'second_answer';
    const msg = this.message(t, staffId, 'answer', bodyKind, decision, at);
    t.firstResponseAt ??= at;
    t.lastStaffAt = at;
    t.sla.push({ at, kind: 'response', staffId });
    if (t.status === 'new') t.status = 'open';
    t.updatedAt = at;
    if (this.rules.answerNotice.channels.includes(t.channel) || t.channel === 'email') {
      this.notify(t, 'answer_notification', msg, null, at);
    }
    if (!t.accepted || t.call) return;
    // What the agent does with the ticket right after answering: usually hands it to the customer
    // (waiting; solved automatically if they do not write back), or solves or closes it at once.
    const fast = t.channel === 'chat';
    const [status, delay] = r.weighted([
      [['waiting_customer', r.int(1, 30) * MINUTE], fast ? 15 : 50],
      [['solved', fast ? r.int(5, 90) * MINUTE : r.int(10, 20 * 60) * MINUTE], fast ? 60 : 38],
      [['closed', fast ? r.int(30, 240) * MINUTE : r.int(60, 24 * 60) * MINUTE], fast ? 25 : 12],
    ] as const);
    const statusAt = at + delay;
    this.plan({ at: statusAt, type: 'status', ticket: t, staffId, status, stage: t.stage });
    // Some customers write back (on the waiting or solved ticket, which reopens it).
    if (status === 'closed' || t.scripted) return;
    const writesBack = (status === 'waiting_customer' ? 0.4 : 0.15) * (first ? 1 : 0.4);
    if (r.chance(writesBack)) {
      this.plan({
        at: statusAt + r.int(20, 36 * 60) * MINUTE,
        type: 'follow_up',
        ticket: t,
        staffId: null,
        status: null,
      });
    }
  }

  private followUp(t: TicketSim, at: number): void {
    const c = t.customer;
    const intake: Intake =
      t.channel === 'topic'
        ? { kind: 'topic_question' }
        : t.channel === 'blog_comment'
          ? { kind: 'blog_comment' }
          : t.channel === 'chat'
            ? { kind: 'chat' }
            : { kind: 'email' };
    const decision = this.decide(c, intake, at, t);
    const accepted = decision.outcome === 'accept';
    this.message(
      t,
      null,
      t.channel === 'blog_comment' ? 'blog_comment' : 'question',
      'follow_up',
      decision,
      at,
    );
    const staff = t.assigneeId ?? this.r.pick(AGENT_IDS);
    if (!accepted) {
      this.notify(t, 'intake_refused', null, decision, at);
      this.plan({
        at: at + this.r.int(1, 24) * HOUR,
        type: 'status',
        ticket: t,
        staffId: staff,
        status: 'closed',
      });
      return;
    }
    t.lastCustomerAt = at;
    if (t.status === 'waiting_customer' || t.status === 'solved') {
      t.sla.push({ at, kind: 'resume' });
      t.status = 'open';
    }
    t.sla.push({ at, kind: 'customer_message' });
    t.updatedAt = at;
    t.stage++;
    this.planAnswer(t, staff, 'next');
  }

  /**
   * Mirrors tickets.setStatus: nothing is owed while waiting, solved or closed. Like a help desk's
   * automations, a ticket left waiting on the customer is solved after a few days without a reply,
   * and a solved one is closed four days later unless the customer writes back.
   */
  private setStatus(t: TicketSim, status: TicketStatus, at: number): void {
    if (t.status === status || status === 'new') return;
    const clockEvent = statusChangeEvent(t.status, status);
    if (clockEvent) t.sla.push({ at, kind: clockEvent });
    t.status = status;
    t.updatedAt = at;
    t.stage++;
    if (status === 'waiting_customer')
      this.plan({
        at: at + this.r.int(WAITING_SOLVED_AFTER[0], WAITING_SOLVED_AFTER[1]) * MINUTE,
        type: 'status',
        ticket: t,
        staffId: null,
        status: 'solved',
        stage: t.stage,
      });
    else if (status === 'solved')
      this.plan({
        at: at + SOLVED_CLOSED_AFTER,
        type: 'status',
        ticket: t,
        staffId: null,
        status: 'closed',
        stage: t.stage,
      });
  }

  private message(
    ticket: TicketSim,
    authorStaffId: number | null,
    kind: MessageSim['kind'],
    bodyKind: BodyKind,
    decision: Decided | null,
    at: number,
  ): MessageSim {
    const accepted = decision === null || decision.outcome === 'accept';
    const counts = accepted && decision !== null && decision.counts;
    if (counts) ticket.customer.used++;
    if (counts && reservesAnswer(this.rules, ticket.channel, kind)) {
      ticket.reserved++;
      ticket.customer.reserving.add(ticket);
    } else if (accepted && kind === 'answer' && ticket.reserved > 0) {
      ticket.reserved = 0;
      ticket.customer.reserving.delete(ticket);
    }
    const msg: MessageSim = {
      id: ++this.messageCount,
      ticket,
      authorStaffId,
      kind,
      bodyKind,
      bodySeed: this.r.seed(),
      accepted,
      counts,
      decision,
      createdAt: at,
    };
    ticket.messages.push(msg);
    return msg;
  }

  private notify(
    ticket: TicketSim,
    kind: OutboxSim['kind'],
    message: MessageSim | null,
    decision: Decided | null,
    at: number,
  ): void {
    const r = this.r;
    const age = this.now - at;
    const status = age < 10 * MINUTE ? 'pending' : r.chance(0.015) ? 'failed' : 'sent';
    const sentAt = status === 'sent' ? Math.min(this.now, at + r.int(3, 120) * 1000) : null;
    ticket.outbox.push({
      id: ++this.outboxCount,
      createdAt: at,
      ticket,
      kind,
      message,
      decision,
      status,
      sentAt,
    });
  }

  // Calls -------------------------------------------------------------------------------------

  private requestCall(t: TicketSim, intake: Extract<Intake, { kind: 'call_request' }>, agent: number): void {
    const r = this.r;
    const call: CallSim = {
      id: ++this.callCount,
      agentId: null,
      status: 'requested',
      questions: intake.questions.map((q) => q.trim()).filter((q) => q.length > 0),
      contactEmail: intake.contactEmail.trim(),
      tool: intake.tool === 'google_meet' ? 'google_meet' : 'skype',
      startsAt: null,
      endsAt: null,
      link: null,
      updatedAt: t.createdAt,
      bookedAt: null,
    };
    t.call = call;
    // The agent answers within the phone target, usually with a booked time; otherwise the answer
    // acknowledges the questions and the booking follows within a phone day. Requests newer than
    // that still wait. The customer gets a slot in the next few working days, so calls booked a
    // while ago have happened and recent ones are still ahead; none is "in progress" at now.
    const phone = calendarFor(this.rules, 'phone');
    const duration = this.rules.phone.call.defaultDurationMinutes * MINUTE;
    const answerAt = phone.addBusinessMinutes(
      t.createdAt,
      r.chance(ON_TIME) ? r.int(10, 110) : r.int(125, 200),
    );
    const bookedAt = r.chance(0.5) ? answerAt : phone.addBusinessMinutes(answerAt, r.int(60, 12 * 60));
    if (answerAt >= this.now) return;
    const slot =
      bookedAt < this.now
        ? this.findSlot([bookedAt + 2 * HOUR, bookedAt + 4 * DAY], duration, agent, [
            this.now - 2 * HOUR,
            this.now + HOUR,
          ])
        : null;
    const staffId = slot?.agentId ?? agent;
    this.plan({ at: answerAt, type: 'assign', ticket: t, staffId, status: null });
    this.plan({ at: answerAt, type: 'answer', ticket: t, staffId, status: null });
    if (bookedAt >= this.now) return;
    if (!slot) {
      // No agent had a free slot: the request was cancelled and the ticket closed.
      call.status = 'cancelled';
      call.updatedAt = bookedAt;
      this.plan({ at: bookedAt + MINUTE, type: 'status', ticket: t, staffId, status: 'closed' });
      return;
    }
    call.bookedAt = bookedAt;
    if (bookedAt > answerAt) this.plan({ at: bookedAt, type: 'answer', ticket: t, staffId, status: null });
    const future = slot.start > this.now;
    call.agentId = slot.agentId;
    call.startsAt = slot.start;
    call.endsAt = slot.start + duration;
    call.link =
      call.tool === 'skype'
        ? `https://join.skype.com/${code(r, 12)}`
        : `https://meet.google.com/${code(r, 3)}-${code(r, 4)}-${code(r, 3)}`;
    call.status = future
      ? 'scheduled'
      : r.weighted([
          ['done', 85],
          ['no_show', 8],
          ['cancelled', 7],
        ] as const);
    call.updatedAt =
      future || call.status === 'cancelled'
        ? bookedAt
        : Math.min(this.now, call.endsAt + r.int(1, 30) * MINUTE);
    if (!future) {
      const closeAt = call.endsAt + r.int(1, 24) * HOUR;
      this.plan({
        at: closeAt,
        type: 'status',
        ticket: t,
        staffId: slot.agentId,
        status: r.chance(0.6) ? 'solved' : 'closed',
      });
    }
  }

  /** A free slot on the duration grid, fully inside phone hours, not overlapping the agent's calls. */
  private findSlot(
    range: [number, number],
    duration: number,
    preferred: number,
    avoid: [number, number],
  ): { start: number; agentId: number } | null {
    const r = this.r;
    const calendar = calendarFor(this.rules, 'phone');
    const [from, to] = range;
    if (to - from < duration) return null;
    const agents = AGENT_IDS.includes(preferred)
      ? [preferred, ...AGENT_IDS.filter((a) => a !== preferred)]
      : AGENT_IDS;
    for (let attempt = 0; attempt < 80; attempt++) {
      const start = Math.floor((from + r.float() * (to - from - duration)) / duration) * duration + duration;
      if (start < from || start + duration > to) continue;
      if (start < avoid[1] && start + duration > avoid[0]) continue;
      if (calendar.businessMinutesBetween(start, start + duration) * MINUTE !== duration) continue;
      for (const agentId of agents) {
        let taken = this.slots.get(agentId);
        if (!taken) {
          taken = new Set();
          this.slots.set(agentId, taken);
        }
        if (taken.has(start)) continue;
        taken.add(start);
        return { start, agentId };
      }
    }
    return null;
  }
}

function code(r: Random, length: number): string {
  const letters = 'abcdefghijkmnopqrstuvwxyz';
  let s = '';
  for (let i = 0; i < length; i++) s += letters[r.int(0, letters.length - 1)] ?? 'a';
  return s;
}

// ---------------------------------------------------------------------------------------------
// Summary and writing

/** The summary's counts, added up ticket by ticket as the tickets are finished. */
class Tally {
  private tickets = 0;
  private messages = 0;
  private calls = 0;
  private outbox = 0;
  private slaEvents = 0;
  private breaches = 0;
  private refused = 0;
  private outsideHours = 0;
  private readonly ticketsByChannel: Record<string, number> = Object.fromEntries(
    channelIds.map((c) => [c, 0]),
  );
  private readonly ticketsByStatus: Record<string, number> = Object.fromEntries(
    ticketStatuses.map((s) => [s, 0]),
  );
  private readonly refusedByReason: Record<string, number> = {};
  private readonly callsByStatus: Record<string, number> = {};

  constructor(private readonly rules: RuleSet) {}

  add(t: TicketSim, clock: ClockView): void {
    this.tickets++;
    this.messages += t.messages.length;
    this.outbox += t.outbox.length;
    this.slaEvents += t.sla.length;
    this.breaches += clock.breaches.length;
    this.ticketsByChannel[t.channel] = (this.ticketsByChannel[t.channel] ?? 0) + 1;
    this.ticketsByStatus[t.status] = (this.ticketsByStatus[t.status] ?? 0) + 1;
    if (!t.accepted) {
      this.refused++;
      this.refusedByReason[t.decision.code] = (this.refusedByReason[t.decision.code] ?? 0) + 1;
    } else if (t.clockStartsAt > t.createdAt) this.outsideHours++;
    if (t.call) {
      this.calls++;
      this.callsByStatus[t.call.status] = (this.callsByStatus[t.call.status] ?? 0) + 1;
    }
  }

  summary(options: SeedOptions, customers: CustomerSim[], assignments: Demo['assignments']): SeedSummary {
    const { rules } = this;
    const customersByPlan: Record<string, number> = Object.fromEntries(rules.plans.map((p) => [p.id, 0]));
    for (const c of customers) {
      const plan = currentPlan(c);
      customersByPlan[plan] = (customersByPlan[plan] ?? 0) + 1;
    }
    const freeQuotaLevels: Record<string, number> = {};
    const limit = rules.quota?.limit ?? 0;
    for (let i = 0; i <= limit && rules.quota; i++) freeQuotaLevels[String(i)] = 0;
    for (const c of customers) {
      if (!quotaAppliesTo(rules, currentPlan(c))) continue;
      const level = String(Math.min(c.used, limit));
      freeQuotaLevels[level] = (freeQuotaLevels[level] ?? 0) + 1;
    }
    return {
      seed: options.seed,
      now: options.now,
      days: options.days ?? 30,
      ruleSetVersion: ruleSetVersion(rules),
      rows: {
        staff: STAFF.length,
        customers: customers.length,
        plan_changes: customers.reduce((n, c) => n + c.timeline.length, 0),
        manager_assignments: assignments.length,
        tickets: this.tickets,
        messages: this.messages,
        calls: this.calls,
        outbox: this.outbox,
        audit_log: 1,
        sla_events: this.slaEvents,
        sla_breaches: this.breaches,
      },
      customersByPlan,
      ticketsByChannel: this.ticketsByChannel,
      ticketsByStatus: this.ticketsByStatus,
      callsByStatus: this.callsByStatus,
      refused: this.refused,
      refusedByReason: this.refusedByReason,
      outsideHours: this.outsideHours,
      freeQuotaLevels,
    };
  }
}

function slaTargetOf(rules: RuleSet, t: TicketSim) {
  return t.accepted ? slaTargetFor(rules, t.channel, planAt(t.customer, t.createdAt)) : null;
}

function slaClockOf(rules: RuleSet, t: TicketSim, now: number): ClockView {
  const target = slaTargetOf(rules, t);
  return computeClock(calendarFor(rules, t.channel), target, t.sla, now);
}

/** Inserts rows in multi-row statements small enough for every engine's bound-parameter limit. */
async function insertAll<R extends object>(
  count: number,
  build: (index: number) => R,
  write: (rows: R[]) => Promise<unknown>,
): Promise<void> {
  if (count === 0) return;
  const columns = Object.keys(build(0)).length;
  const perChunk = BulkInserter.rowsPerStatement(columns);
  for (let start = 0; start < count; start += perChunk) {
    const end = Math.min(count, start + perChunk);
    const rows: R[] = [];
    for (let i = start; i < end; i++) rows.push(build(i));
    await write(rows);
  }
}

/** Finished tickets are written once this many have gathered (with their messages, e-mails, calls). */
const TICKETS_PER_BATCH = 20_000;

async function writeDemo(
  trx: Transaction<Database>,
  rules: RuleSet,
  options: SeedOptions,
): Promise<SeedSummary> {
  const now = options.now;
  const p = prepare(rules, options, true);
  const bulk = new BulkInserter(trx);
  await insertAll(
    STAFF.length,
    (i) => {
      const s = STAFF[i] ?? STAFF[0];
      if (!s) throw new Error('no demo staff');
      return {
        id: i + 1,
        name: s.name,
        email: s.email,
        role: s.role,
        zone: s.zone,
        active: 1 as const,
        capacity: s.capacity,
        last_signed_in_at: now - (i + 1) * 37 * MINUTE,
        created_at: now - (400 - i * 20) * DAY,
      };
    },
    (rows) => bulk.insert('staff', rows),
  );

  const customers = p.customers;
  await insertAll(
    customers.length,
    (i) => {
      const c = customers[i] as CustomerSim;
      const last = c.timeline[c.timeline.length - 1];
      return {
        id: c.id,
        name: c.name,
        company: c.company,
        account_email: c.email,
        zone: c.zone,
        plan_id: currentPlan(c),
        plan_since: last?.at ?? c.createdAt,
        created_at: c.createdAt,
        updated_at: last?.at ?? c.createdAt,
      };
    },
    (rows) => bulk.insert('customers', rows),
  );

  const changes = customers.flatMap((c) => c.timeline.map((period) => ({ c, period })));
  await insertAll(
    changes.length,
    (i) => {
      const { c, period } = changes[i] as (typeof changes)[number];
      return {
        id: i + 1,
        customer_id: c.id,
        from_plan_id: period.fromPlanId,
        plan_id: period.planId,
        effective_at: period.at,
        changed_by: period.changedBy,
        reason: period.reason,
        created_at: period.at,
        applied_at: period.at,
      };
    },
    (rows) => bulk.insert('plan_changes', rows),
  );

  const assignments = p.assignments;
  await insertAll(
    assignments.length,
    (i) => {
      const a = assignments[i] as (typeof assignments)[number];
      return {
        id: i + 1,
        customer_id: a.customerId,
        manager_id: a.managerId,
        started_at: a.startedAt,
        ended_at: a.endedAt,
        assigned_by: LEAD_ID,
        reason: a.reason,
        ended_reason: a.endedReason,
      };
    },
    (rows) => bulk.insert('manager_assignments', rows),
  );

  // Tests seed databases migrated only part of the way (to check a later migration's backfill): the
  // delivery columns are written only where the schema has them (0012).
  const outboxColumns = (await trx.introspection.getTables()).find((t) => t.name === 'outbox')?.columns ?? [];
  const writer = new TicketWriter(bulk, rules, now, {
    slaVersion: await ensureRuleVersion(trx, rules, now),
    withDelivery: outboxColumns.some((c) => c.name === 'delivery'),
  });
  const tally = new Tally(rules);
  const perBatch = options.batchTickets ?? TICKETS_PER_BATCH;
  let done: TicketSim[] = [];
  let written = 0;
  const sim = p.simulation((t) => done.push(t));
  const flush = async () => {
    await writer.write(done, tally);
    written += done.length;
    done = [];
    options.progress?.({ written, held: sim.created - written });
  };
  for (const step of sim.steps(p.arrivals)) {
    void step;
    if (done.length >= perBatch) await flush();
  }
  await flush();
  const summary = tally.summary(options, customers, assignments);

  // Bulk fixtures are not user actions: one audit row records the whole batch (and what it holds)
  // instead of one per row, which would double the database and drown the real history.
  await trx
    .insertInto('audit_log')
    .values({
      at: now,
      actor_staff_id: null,
      action: 'demo.seed',
      entity: 'database',
      entity_id: null,
      before: null,
      after: JSON.stringify(summary),
    })
    .execute();
  return summary;
}

/**
 * Writes finished tickets with everything that hangs off them (SLA events and breaches, messages,
 * the call, e-mails), then lets go of their messages and events: a ticket may stay referenced (its
 * customer's reservations read its status), but its rows are no longer held. Tickets, messages,
 * calls and e-mails keep the ids the simulation gave them (the order things happened); SLA events
 * and breaches are numbered in the order they are written.
 */
class TicketWriter {
  private slaEventId = 0;
  private breachId = 0;
  private readonly version: string;

  constructor(
    private readonly bulk: BulkInserter,
    private readonly rules: RuleSet,
    private readonly now: number,
    private readonly options: { slaVersion: number; withDelivery: boolean },
  ) {
    this.version = ruleSetVersion(rules);
  }

  async write(batch: TicketSim[], tally: Tally): Promise<void> {
    if (batch.length === 0) return;
    const { rules, options } = this;
    batch.sort((a, b) => a.id - b.id);
    // Each ticket measured as the live core would: its events through the pure clock, read at "now".
    const clocks = batch.map((t) => slaClockOf(rules, t, this.now));
    batch.forEach((t, i) => tally.add(t, clocks[i] as ClockView));
    await this.rows(
      'tickets',
      batch.map((t, i) => this.ticketRow(t, clocks[i] as ClockView)),
    );
    await this.rows(
      'sla_events',
      batch.flatMap((t) =>
        t.sla.map((e) => ({
          id: ++this.slaEventId,
          ticket_id: t.id,
          at: e.at,
          kind: e.kind,
          staff_id: e.staffId ?? null,
        })),
      ),
    );
    // Breaches as the scheduler would have recorded them: when each deadline passed.
    await this.rows(
      'sla_breaches',
      batch.flatMap((t, i) =>
        (clocks[i] as ClockView).breaches.map((b) => ({
          id: ++this.breachId,
          ticket_id: t.id,
          phase: b.phase,
          due_at: b.dueAt,
          breached_at: b.dueAt,
          recorded_at: b.dueAt,
          rule_version: options.slaVersion,
        })),
      ),
    );
    await this.rows(
      'messages',
      batch
        .flatMap((t) => t.messages)
        .sort((a, b) => a.id - b.id)
        .map((m) => ({
          id: m.id,
          ticket_id: m.ticket.id,
          customer_id: m.ticket.customer.id,
          author_kind: m.authorStaffId === null ? ('customer' as const) : ('staff' as const),
          author_staff_id: m.authorStaffId,
          kind: m.kind,
          body: bodyOf(m),
          accepted: m.accepted ? (1 as const) : (0 as const),
          counts_toward_quota: m.counts ? (1 as const) : (0 as const),
          decision: m.decision ? materialize(m.decision).json : null,
          created_at: m.createdAt,
        })),
    );
    await this.rows(
      'calls',
      batch.flatMap((ticket) => {
        const call = ticket.call;
        if (!call) return [];
        return [
          {
            id: call.id,
            ticket_id: ticket.id,
            customer_id: ticket.customer.id,
            agent_id: call.agentId,
            status: call.status,
            questions: JSON.stringify(call.questions),
            contact_email: call.contactEmail,
            tool: call.tool,
            customer_zone: ticket.customer.zone,
            starts_at: call.startsAt,
            ends_at: call.endsAt,
            link: call.link,
            ical_uid: `call-${ticket.id}-${ticket.createdAt}@support-console`,
            ical_sequence: 0,
            flagged_for_review: 0 as const,
            created_at: ticket.createdAt,
            updated_at: call.updatedAt,
          },
        ];
      }),
    );
    await this.rows(
      'outbox',
      batch
        .flatMap((t) => t.outbox)
        .sort((a, b) => a.id - b.id)
        .map((o) => this.outboxRow(o)),
    );
    for (const t of batch) {
      t.messages = [];
      t.outbox = [];
      t.sla = [];
    }
  }

  /** Rows of one table in statements of at most BulkInserter.rowsPerStatement rows. */
  private async rows<T extends keyof Database & string>(
    table: T,
    rows: Insertable<Database[T]>[],
  ): Promise<void> {
    const first = rows[0];
    if (first === undefined) return;
    const perChunk = BulkInserter.rowsPerStatement(Object.keys(first).length);
    for (let start = 0; start < rows.length; start += perChunk)
      await this.bulk.insert(table, rows.slice(start, start + perChunk));
  }

  private ticketRow(t: TicketSim, clock: ClockView): Insertable<Database['tickets']> {
    const { rules } = this;
    const { json, text } = materialize(t.decision);
    const stillOpen = t.status !== 'closed' && t.status !== 'solved';
    const target = slaTargetOf(rules, t);
    return {
      id: t.id,
      customer_id: t.customer.id,
      channel: t.channel,
      subject: t.subject,
      status: t.status,
      priority: t.priority,
      assignee_id: t.assigneeId,
      created_at: t.createdAt,
      updated_at: t.updatedAt,
      clock_starts_at: t.clockStartsAt,
      first_response_at: t.firstResponseAt,
      last_customer_message_at: t.lastCustomerAt,
      last_staff_message_at: t.lastStaffAt,
      intake_outcome: t.decision.outcome,
      intake_reason_code: t.decision.code,
      intake_reason: text,
      intake_decision: json,
      rule_set_version: this.version,
      flagged_not_entitled:
        t.accepted && stillOpen && !planHasChannel(rules, currentPlan(t.customer), t.channel)
          ? (1 as const)
          : (0 as const),
      sla_rule_version: this.options.slaVersion,
      sla_plan_id: planAt(t.customer, t.createdAt),
      first_response_target_minutes: target?.firstResponseMinutes ?? null,
      next_response_target_minutes: target?.nextResponseMinutes ?? null,
      ...slaColumnsOf(clock),
    };
  }

  private outboxRow(o: OutboxSim): Insertable<Database['outbox']> {
    const { rules } = this;
    const t = o.ticket;
    const notice =
      o.kind === 'answer_notification' && o.message
        ? answerNotice(rules, t.subject, bodyOf(o.message))
        : o.decision
          ? refusalNotice(rules, t.subject, decisionOf(o.decision))
          : null;
    if (!notice) throw new Error(`outbox row ${o.id} has nothing to say`);
    return {
      id: o.id,
      created_at: o.createdAt,
      customer_id: t.customer.id,
      ticket_id: t.id,
      to_email: t.customer.email,
      kind: o.kind,
      subject: notice.subject,
      body: notice.body,
      attachment: null,
      status: o.status,
      sent_at: o.sentAt,
      // The demo's history as the delivery worker would have left it.
      ...(this.options.withDelivery
        ? {
            delivery: DEMO_DELIVERY[o.status],
            attempts: o.status === 'pending' ? 0 : o.status === 'failed' ? 5 : 1,
            handed_at: o.sentAt,
            last_error:
              o.status === 'failed'
                ? JSON.stringify({ code: 'refused', detail: '550 5.1.1 <mailbox> unknown user' })
                : null,
            source_message_id: o.message?.id ?? null,
          }
        : {}),
    };
  }
}

function bodyOf(m: MessageSim): string {
  const staff = m.authorStaffId === null ? '' : (STAFF[m.authorStaffId - 1]?.name ?? 'Support');
  return messageBody(m.bodyKind, m.ticket.category, m.bodySeed, { customer: m.ticket.customer.first, staff });
}
