// Phone calls: booking a requested call inside phone hours, moving it, cancelling it, recording how
// it went, and the invitations each step e-mails. Every booking is checked inside its write
// transaction (hours, holidays, lead time, the agent's other calls with the buffer, the customer's
// plan), and the store's own overlap guard backs the check up against writers that skip it.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CallDetail, CallSummary } from '../../../shared/contract';
import { callMailKinds } from '../../../shared/contract';
import type { PhoneTool } from '../../../shared/domain';
import type { HandlerContext, WriteScope } from '../api/context';
import { ApiError, notFound } from '../api/errors';
import type { Handler } from '../api/handler';
import {
  buildIcs,
  callMail,
  clashWith,
  findSlots,
  formatRange,
  fromTo,
  MINUTE,
  phoneTimes,
  placeholderLink,
  timeProblem,
  type CallMailKind,
  type IcsPurpose,
  type Interval,
  type InvitationCall,
  type PhoneTimes,
} from '../calls';
import { callableIntervals } from '../calls/booking';
import { evaluateEntitlements, planHasChannel, planOf } from '../rules';
import { CALL_OVERLAP_GUARD } from '../store/migrations';
import { findCustomer } from '../store/queries/customers';
import { readSettings } from '../store/queries/settings';
import { findStaff } from '../store/queries/staff';
import { newMessageId } from '../channels/message-id';
import type { CallRow, CustomerRow, Database, StaffRow } from '../store/schema';
import { ruleCustomerOf, ruleUsageOf } from './rule-inputs';

const DAY = 86_400_000;
/** Slots start on a quarter-hour grid: fine enough to fill a day, coarse enough to read. */
const STEP_MINUTES = 15;
/** The support's name in invitation titles ("Support call over Skype"). */
const SUPPORT_NAME = 'Support';

const questionsSchema = z.array(z.string());

// ---------------------------------------------------------------------------------------------
// Reading

function callRows(db: Kysely<Database>) {
  return db
    .selectFrom('calls as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .innerJoin('tickets as t', 't.id', 'c.ticket_id')
    .leftJoin('staff as s', 's.id', 'c.agent_id')
    .selectAll('c')
    .select([
      't.subject as subject',
      'cu.name as customer_name',
      'cu.plan_id as plan_id',
      's.name as agent_name',
      's.zone as agent_zone',
      's.email as agent_email',
    ]);
}

type CallListRow = CallRow & {
  subject: string;
  customer_name: string;
  plan_id: string;
  agent_name: string | null;
  agent_zone: string | null;
  agent_email: string | null;
};

function toolName(ctx: Pick<HandlerContext, 'rules'>, tool: PhoneTool): string {
  return ctx.rules.phone.tools.allowed.find((t) => t.id === tool)?.name ?? tool;
}

function toCallSummary(ctx: Pick<HandlerContext, 'rules'>, row: CallListRow): CallSummary {
  const plan = ctx.rules.plans.find((p) => p.id === row.plan_id);
  return {
    id: row.id,
    ticketId: row.ticket_id,
    subject: row.subject,
    customerId: row.customer_id,
    customerName: row.customer_name,
    planId: row.plan_id,
    planName: plan?.name ?? row.plan_id,
    entitled: plan !== undefined && planHasChannel(ctx.rules, row.plan_id, 'phone'),
    status: row.status,
    flaggedForReview: row.flagged_for_review === 1,
    agentId: row.agent_id,
    agentName: row.agent_name,
    agentZone: row.agent_zone,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    durationMinutes:
      row.starts_at !== null && row.ends_at !== null
        ? Math.round((row.ends_at - row.starts_at) / MINUTE)
        : null,
    tool: row.tool,
    toolName: toolName(ctx, row.tool),
    link: row.link,
    contactEmail: row.contact_email,
    customerZone: row.customer_zone,
    questions: questionsSchema.parse(JSON.parse(row.questions)),
    statusNote: row.status_note,
    icalUid: row.ical_uid,
    icalSequence: row.ical_sequence,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function loadCall(db: Kysely<Database>, id: number, field = 'callId'): Promise<CallRow> {
  const call = await db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirst();
  if (!call) throw notFound('call', id, field);
  return call;
}

async function callDetail(ctx: HandlerContext, id: number, field = 'callId'): Promise<CallDetail> {
  const row = await callRows(ctx.db).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('call', id, field);
  const mails = await ctx.db
    .selectFrom('outbox')
    .select(['id', 'kind', 'to_email', 'subject', 'created_at', 'status', 'attachment'])
    .where('call_id', '=', id)
    .where('kind', 'in', callMailKinds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return {
    ...toCallSummary(ctx, row),
    mails: mails.map((m) => ({
      id: m.id,
      kind: m.kind as (typeof callMailKinds)[number],
      toEmail: m.to_email,
      subject: m.subject,
      createdAt: m.created_at,
      status: m.status,
      sequence: Number(/^SEQUENCE:(\d+)\r?$/m.exec(m.attachment ?? '')?.[1] ?? 0),
    })),
  };
}

export const getCall: Handler<'calls.get'> = (ctx, { id }) => callDetail(ctx, id, 'id');

export const listCalls: Handler<'calls.list'> = async (ctx, input) => {
  let query = callRows(ctx.db);
  if (input.statuses && input.statuses.length > 0) query = query.where('c.status', 'in', input.statuses);
  if (input.agentId !== undefined) query = query.where('c.agent_id', '=', input.agentId);
  if (input.customerId !== undefined) query = query.where('c.customer_id', '=', input.customerId);
  if (input.flaggedForReview !== undefined) {
    query = query.where('c.flagged_for_review', '=', input.flaggedForReview ? 1 : 0);
  }
  if (input.from !== undefined) query = query.where('c.starts_at', '>=', input.from);
  if (input.to !== undefined) query = query.where('c.starts_at', '<', input.to);
  // Requests have no time yet: they sort by arrival among the booked calls.
  const rows = await query
    .orderBy((eb) => eb.fn.coalesce('c.starts_at', 'c.created_at'))
    .orderBy('c.id')
    .limit(input.limit)
    .execute();
  return rows.map((r) => toCallSummary(ctx, r));
};

// ---------------------------------------------------------------------------------------------
// What every booking checks

/** Scheduled calls of these agents that come near [from, to), other than `exceptCallId`. */
async function busyCalls(
  db: Kysely<Database>,
  agentIds: readonly number[],
  from: number,
  to: number,
  exceptCallId: number,
): Promise<(Interval & { id: number; agentId: number })[]> {
  if (agentIds.length === 0) return [];
  const rows = await db
    .selectFrom('calls')
    .select(['id', 'agent_id', 'starts_at', 'ends_at'])
    .where('status', '=', 'scheduled')
    .where('agent_id', 'in', agentIds)
    .where('id', '!=', exceptCallId)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .execute();
  return rows.flatMap((r) =>
    r.agent_id !== null && r.starts_at !== null && r.ends_at !== null
      ? [{ id: r.id, agentId: r.agent_id, start: r.starts_at, end: r.ends_at }]
      : [],
  );
}

function clashMessage(
  agent: Pick<StaffRow, 'name'>,
  clash: Interval & { id: number },
  start: number,
  end: number,
  bufferMinutes: number,
  zone: string,
): string {
  const overlaps = clash.start < end && start < clash.end;
  return (
    `${agent.name} already has a call ${fromTo(clash.start, clash.end, zone)} (call ${clash.id})` +
    (overlaps ? '.' : `; calls need ${bufferMinutes} minutes between them.`)
  );
}

/** The customer's plan must still include phone support: the rules are asked again now. */
async function assertEntitled(ctx: HandlerContext, db: Kysely<Database>, customer: CustomerRow) {
  if (planHasChannel(ctx.rules, customer.plan_id, 'phone')) return;
  const entitlements = evaluateEntitlements(
    ctx.rules,
    ruleCustomerOf(customer),
    await ruleUsageOf(db, ctx.rules, customer.id),
    ctx.now(),
  );
  const phone = entitlements.channels.find((c) => c.channel === 'phone');
  throw new ApiError(
    'rule_refused',
    `${customer.name} is on the ${planOf(ctx.rules, customer.plan_id).name} plan now, which has no phone calls: ` +
      (phone?.reason.text ?? 'phone support is not included.'),
    'callId',
  );
}

function assertBookable(call: CallRow, customer: CustomerRow) {
  if (call.flagged_for_review === 1) {
    throw new ApiError(
      'conflict',
      `Call ${call.id} for ${customer.name} is flagged for review after a plan change; ` +
        'cancel it or have the plan reviewed before booking it.',
      'callId',
    );
  }
}

async function loadAgent(db: Kysely<Database>, agentId: number): Promise<StaffRow> {
  const agent = await findStaff(db, agentId);
  if (!agent) throw notFound('staff member', agentId, 'agentId');
  if (agent.active !== 1) {
    throw new ApiError('invalid_input', `${agent.name} is not active and cannot take calls.`, 'agentId');
  }
  return agent;
}

function statusConflict(call: CallRow, zone: string): ApiError {
  const what: Record<CallRow['status'], string> = {
    requested: 'is not booked yet; schedule it first',
    scheduled:
      call.starts_at !== null && call.ends_at !== null
        ? `is already booked ${fromTo(call.starts_at, call.ends_at, zone)}; reschedule it instead`
        : 'is already booked; reschedule it instead',
    done: 'took place already',
    no_show: 'is over: the customer did not show up',
    cancelled: 'is cancelled; a new call request is needed',
  };
  return new ApiError('conflict', `Call ${call.id} ${what[call.status]}.`, 'callId');
}

/**
 * Every call write starts with a write, so its transaction holds the database's write lock before it
 * reads anything. On SQLite a transaction that has already read cannot take the lock once another
 * process committed (it fails at once with "database is locked"); one that writes first waits for
 * the other process, then reads its booking, and the check below refuses with a clear message.
 */
async function claimWriteLock(w: WriteScope, callId: number): Promise<void> {
  await w.db
    .updateTable('calls')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', callId)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Invitations

function invitationOf(
  call: Pick<CallRow, 'ical_uid' | 'tool' | 'questions' | 'contact_email' | 'customer_zone'>,
  fields: { sequence: number; start: number; end: number; link: string },
  customer: Pick<CustomerRow, 'name'>,
  agent: Pick<StaffRow, 'name' | 'email'>,
  ctx: Pick<HandlerContext, 'rules'>,
): InvitationCall {
  return {
    uid: call.ical_uid,
    sequence: fields.sequence,
    start: fields.start,
    end: fields.end,
    tool: call.tool,
    toolName: toolName(ctx, call.tool),
    link: fields.link,
    questions: questionsSchema.parse(JSON.parse(call.questions)),
    contactEmail: call.contact_email,
    customerName: customer.name,
    customerZone: call.customer_zone,
    agentName: agent.name,
    agentEmail: agent.email,
    supportName: SUPPORT_NAME,
  };
}

async function queueCallMail(
  w: WriteScope,
  call: CallRow,
  kind: CallMailKind,
  invitation: InvitationCall,
  phone: PhoneTimes,
  now: number,
  previous: Interval | null,
  cancelReason: string | null,
): Promise<void> {
  const purpose: IcsPurpose = kind === 'call_cancelled' ? 'cancel' : 'request';
  const mail = callMail(kind, invitation, phone.zone, previous, cancelReason);
  const values = {
    created_at: now,
    customer_id: call.customer_id,
    ticket_id: call.ticket_id,
    call_id: call.id,
    to_email: call.contact_email,
    kind,
    subject: mail.subject,
    body: mail.body,
    attachment: await buildIcs(invitation, purpose, now, cancelReason),
    status: 'pending' as const,
    message_id: newMessageId(),
  };
  const row = await w.db.insertInto('outbox').values(values).returning('id').executeTakeFirstOrThrow();
  await w.audit({ entity: 'outbox', entityId: row.id, before: null, after: { id: row.id, ...values } });
  // Wakes the delivery worker (channels/mail-out/) and the lead's outbox view.
  w.changed({ topics: ['outbox'] });
}

// ---------------------------------------------------------------------------------------------
// Booking

interface Attempt {
  agent: StaffRow;
  start: number;
  end: number;
  bufferMinutes: number;
}

interface BookingRequest {
  callId: number;
  mode: 'schedule' | 'reschedule';
  agentId: number | undefined;
  startsAt: number;
  durationMinutes: number | undefined;
  link: string | undefined;
}

async function book(ctx: HandlerContext, request: BookingRequest): Promise<void> {
  const phone = phoneTimes(ctx.rules);
  const now = ctx.now();
  // What was being attempted, for explaining a refusal that comes from the store itself.
  const tried: { attempt: Attempt | null } = { attempt: null };
  try {
    await ctx.write(async (w) => {
      await claimWriteLock(w, request.callId);
      const call = await loadCall(w.db, request.callId);
      const wanted = request.mode === 'schedule' ? 'requested' : 'scheduled';
      if (call.status !== wanted) throw statusConflict(call, phone.zone);
      const customer = await findCustomer(w.db, call.customer_id);
      if (!customer) throw notFound('customer', call.customer_id);
      await assertEntitled(ctx, w.db, customer);
      assertBookable(call, customer);

      const agentId = request.agentId ?? call.agent_id;
      if (agentId === null) throw new ApiError('invalid_input', 'Choose the agent for the call.', 'agentId');
      const agent = await loadAgent(w.db, agentId);
      const currentMinutes =
        call.starts_at !== null && call.ends_at !== null ? (call.ends_at - call.starts_at) / MINUTE : null;
      const minutes = request.durationMinutes ?? currentMinutes ?? phone.defaultDurationMinutes;
      const start = request.startsAt;
      const end = start + minutes * MINUTE;
      const settings = await readSettings(w.db);
      const problem = timeProblem(phone, start, end, now, settings.callLeadMinutes);
      if (problem) throw new ApiError(problem.code, problem.message, 'startsAt');

      const buffer = settings.callBufferMinutes * MINUTE;
      tried.attempt = { agent, start, end, bufferMinutes: settings.callBufferMinutes };
      const clash = clashWith(
        await busyCalls(w.db, [agent.id], start - buffer, end + buffer, call.id),
        start,
        end,
        buffer,
      );
      if (clash) {
        throw new ApiError(
          'conflict',
          clashMessage(agent, clash, start, end, settings.callBufferMinutes, phone.zone),
          'startsAt',
        );
      }

      const link = request.link ?? call.link ?? placeholderLink(call.tool);
      if (
        request.mode === 'reschedule' &&
        call.starts_at === start &&
        call.ends_at === end &&
        call.agent_id === agent.id &&
        call.link === link
      ) {
        throw new ApiError('conflict', `Call ${call.id} is already booked that way; nothing changed.`);
      }
      // The first invitation keeps the request's sequence; every later change must exceed the last.
      const sequence = request.mode === 'schedule' ? call.ical_sequence : call.ical_sequence + 1;
      const after = {
        status: 'scheduled' as const,
        agent_id: agent.id,
        starts_at: start,
        ends_at: end,
        link,
        ical_sequence: sequence,
        updated_at: now,
      };
      await w.db.updateTable('calls').set(after).where('id', '=', call.id).execute();
      await w.audit({
        entity: 'call',
        entityId: call.id,
        before: {
          status: call.status,
          agent_id: call.agent_id,
          starts_at: call.starts_at,
          ends_at: call.ends_at,
          link: call.link,
          ical_sequence: call.ical_sequence,
        },
        after,
      });
      await queueCallMail(
        w,
        call,
        request.mode === 'schedule' ? 'call_invitation' : 'call_update',
        invitationOf(call, { sequence, start, end, link }, customer, agent, ctx),
        phone,
        now,
        call.starts_at !== null && call.ends_at !== null
          ? { start: call.starts_at, end: call.ends_at }
          : null,
        null,
      );
      w.changed({
        topics: ['calls', 'customers', 'tickets'],
        ticketIds: [call.ticket_id],
        customerIds: [call.customer_id],
      });
    });
  } catch (error) {
    throw await explainStoreRefusal(ctx, error, request.callId, tried.attempt);
  }
}

/**
 * A booking the core let through can still be refused by the store: another process booked the
 * agent between our check and our write, and either the overlap guard fired or the database
 * reported the clash as contention. Either way the person needs to hear which call is in the way.
 */
async function explainStoreRefusal(
  ctx: HandlerContext,
  error: unknown,
  callId: number,
  attempt: Attempt | null,
): Promise<unknown> {
  if (error instanceof ApiError) return error;
  const guard = error instanceof Error && error.message.includes(CALL_OVERLAP_GUARD);
  if (!attempt) return error;
  const { agent, start, end, bufferMinutes } = attempt;
  const buffer = bufferMinutes * MINUTE;
  const clash = clashWith(
    await busyCalls(ctx.db, [agent.id], start - buffer, end + buffer, callId),
    start,
    end,
    buffer,
  );
  const zone = phoneTimes(ctx.rules).zone;
  if (clash)
    return new ApiError('conflict', clashMessage(agent, clash, start, end, bufferMinutes, zone), 'startsAt');
  if (guard) {
    return new ApiError(
      'conflict',
      `${agent.name} already has another call overlapping ${formatRange(start, end, zone)}; nothing was booked.`,
      'startsAt',
    );
  }
  return error;
}

export const scheduleCall: Handler<'calls.schedule'> = async (ctx, input) => {
  await book(ctx, {
    callId: input.callId,
    mode: 'schedule',
    agentId: input.agentId,
    startsAt: input.startsAt,
    durationMinutes: input.durationMinutes,
    link: input.link,
  });
  return callDetail(ctx, input.callId);
};

export const rescheduleCall: Handler<'calls.reschedule'> = async (ctx, input) => {
  await book(ctx, {
    callId: input.callId,
    mode: 'reschedule',
    agentId: input.agentId,
    startsAt: input.startsAt,
    durationMinutes: input.durationMinutes,
    link: input.link,
  });
  return callDetail(ctx, input.callId);
};

export const cancelCall: Handler<'calls.cancel'> = async (ctx, { callId, reason }) => {
  const phone = phoneTimes(ctx.rules);
  const now = ctx.now();
  await ctx.write(async (w) => {
    await claimWriteLock(w, callId);
    const call = await loadCall(w.db, callId);
    if (call.status !== 'requested' && call.status !== 'scheduled') {
      throw statusConflict(call, phone.zone);
    }
    // Only a booked call had an invitation to withdraw; a request is just closed.
    const invited = call.status === 'scheduled';
    const sequence = invited ? call.ical_sequence + 1 : call.ical_sequence;
    const after = {
      status: 'cancelled' as const,
      status_note: reason,
      ical_sequence: sequence,
      updated_at: now,
    };
    await w.db.updateTable('calls').set(after).where('id', '=', callId).execute();
    await w.audit({
      entity: 'call',
      entityId: callId,
      before: { status: call.status, status_note: call.status_note, ical_sequence: call.ical_sequence },
      after,
    });
    if (invited && call.starts_at !== null && call.ends_at !== null && call.agent_id !== null) {
      const customer = await findCustomer(w.db, call.customer_id);
      const agent = await findStaff(w.db, call.agent_id);
      if (!customer || !agent) throw new Error(`call ${callId} lost its customer or agent`);
      await queueCallMail(
        w,
        call,
        'call_cancelled',
        invitationOf(
          call,
          { sequence, start: call.starts_at, end: call.ends_at, link: call.link ?? '' },
          customer,
          agent,
          ctx,
        ),
        phone,
        now,
        null,
        reason,
      );
    }
    w.changed({
      topics: ['calls', 'customers', 'tickets'],
      ticketIds: [call.ticket_id],
      customerIds: [call.customer_id],
    });
  });
  return callDetail(ctx, callId);
};

export const completeCall: Handler<'calls.complete'> = async (ctx, { callId, outcome, note }) => {
  const phone = phoneTimes(ctx.rules);
  const now = ctx.now();
  await ctx.write(async (w) => {
    await claimWriteLock(w, callId);
    const call = await loadCall(w.db, callId);
    if (call.status !== 'scheduled') throw statusConflict(call, phone.zone);
    if (call.starts_at !== null && call.starts_at > now) {
      throw new ApiError(
        'conflict',
        `Call ${callId} starts ${fromTo(call.starts_at, call.ends_at ?? call.starts_at, phone.zone)}; ` +
          'it can be marked done or no-show once it has started.',
        'outcome',
      );
    }
    const after = {
      status: outcome,
      status_note: note && note.length > 0 ? note : null,
      updated_at: now,
    };
    await w.db.updateTable('calls').set(after).where('id', '=', callId).execute();
    await w.audit({
      entity: 'call',
      entityId: callId,
      before: { status: call.status, status_note: call.status_note },
      after,
    });
    w.changed({
      topics: ['calls', 'customers', 'tickets'],
      ticketIds: [call.ticket_id],
      customerIds: [call.customer_id],
    });
  });
  return callDetail(ctx, callId);
};

// ---------------------------------------------------------------------------------------------
// Finding time

export const callSlots: Handler<'calls.slots'> = async (ctx, input) => {
  const phone = phoneTimes(ctx.rules);
  const now = ctx.now();
  const call = await loadCall(ctx.db, input.callId);
  if (call.status !== 'requested' && call.status !== 'scheduled') {
    throw statusConflict(call, phone.zone);
  }
  const customer = await findCustomer(ctx.db, call.customer_id);
  if (!customer) throw notFound('customer', call.customer_id);
  await assertEntitled(ctx, ctx.db, customer);
  assertBookable(call, customer);

  const settings = await readSettings(ctx.db);
  const currentMinutes =
    call.starts_at !== null && call.ends_at !== null ? (call.ends_at - call.starts_at) / MINUTE : null;
  const minutes = input.durationMinutes ?? currentMinutes ?? phone.defaultDurationMinutes;
  const agents =
    input.agentId !== undefined
      ? [await loadAgent(ctx.db, input.agentId)]
      : await ctx.db
          .selectFrom('staff')
          .selectAll()
          .where('role', '=', 'agent')
          .where('active', '=', 1)
          .orderBy('name')
          .orderBy('id')
          .execute();

  const base = input.from ?? now;
  const from = Math.max(base, now + settings.callLeadMinutes * MINUTE);
  const to = base + input.days * DAY;
  const duration = minutes * MINUTE;
  const buffer = settings.callBufferMinutes * MINUTE;
  const busy = await busyCalls(
    ctx.db,
    agents.map((a) => a.id),
    from - buffer,
    to + duration + buffer,
    call.id,
  );
  const found = findSlots({
    openIntervals: callableIntervals(phone),
    from,
    to,
    durationMs: duration,
    bufferMs: buffer,
    stepMs: STEP_MINUTES * MINUTE,
    agents: agents.map((a) => ({ id: a.id, busy: busy.filter((b) => b.agentId === a.id) })),
    limit: input.limit,
  });
  const byId = new Map(agents.map((a) => [a.id, { id: a.id, name: a.name, zone: a.zone }]));
  const chosen = input.agentId !== undefined ? agents[0] : undefined;
  return {
    callId: call.id,
    durationMinutes: minutes,
    bufferMinutes: settings.callBufferMinutes,
    leadMinutes: settings.callLeadMinutes,
    stepMinutes: STEP_MINUTES,
    from,
    to: Math.max(from, to),
    zones: {
      phone: phone.zone,
      agent: chosen?.zone ?? ctx.actor?.zone ?? phone.zone,
      customer: call.customer_zone,
    },
    slots: found.slots.map((s) => ({
      startsAt: s.start,
      endsAt: s.end,
      agents: s.agentIds.flatMap((id) => {
        const agent = byId.get(id);
        return agent ? [agent] : [];
      }),
    })),
    truncated: found.truncated,
  };
};

export const callCalendar: Handler<'calls.calendar'> = async (ctx, input) => {
  const phone = phoneTimes(ctx.rules);
  const agent = input.agentId !== undefined ? await findStaff(ctx.db, input.agentId) : undefined;
  if (input.agentId !== undefined && !agent) throw notFound('staff member', input.agentId, 'agentId');
  const statuses: CallRow['status'][] = input.includeCancelled
    ? ['scheduled', 'done', 'no_show', 'cancelled']
    : ['scheduled', 'done', 'no_show'];
  let query = callRows(ctx.db)
    .where('c.status', 'in', statuses)
    .where('c.starts_at', '<', input.to)
    .where('c.ends_at', '>', input.from);
  if (agent) query = query.where('c.agent_id', '=', agent.id);
  const rows = await query.orderBy('c.starts_at').orderBy('c.id').execute();

  let staff: Pick<StaffRow, 'id' | 'name' | 'zone'>[];
  if (agent) staff = [agent];
  else {
    const withCalls = [...new Set(rows.flatMap((r) => (r.agent_id === null ? [] : [r.agent_id])))];
    staff = await ctx.db
      .selectFrom('staff')
      .select(['id', 'name', 'zone'])
      .where((eb) =>
        eb.or([
          eb.and([eb('role', '=', 'agent'), eb('active', '=', 1)]),
          ...(withCalls.length > 0 ? [eb('id', 'in', withCalls)] : []),
        ]),
      )
      .orderBy('name')
      .orderBy('id')
      .execute();
  }
  return {
    from: input.from,
    to: input.to,
    openIntervals: phone.calendar.openIntervals(input.from, input.to),
    phoneZone: phone.zone,
    agents: staff.map((s) => ({ id: s.id, name: s.name, zone: s.zone })),
    calls: rows.map((r) => toCallSummary(ctx, r)),
  };
};

export const callIcs: Handler<'calls.ics'> = async (ctx, { callId }) => {
  const row = await callRows(ctx.db).where('c.id', '=', callId).executeTakeFirst();
  if (!row) throw notFound('call', callId, 'callId');
  if (row.starts_at === null || row.ends_at === null || row.agent_name === null || row.agent_email === null) {
    throw new ApiError(
      'conflict',
      row.status === 'requested'
        ? `Call ${callId} has no time yet; schedule it first.`
        : `Call ${callId} was never booked; there is no invitation to export.`,
      'callId',
    );
  }
  const purpose: IcsPurpose = row.status === 'cancelled' ? 'cancel' : 'publish';
  const invitation = invitationOf(
    row,
    { sequence: row.ical_sequence, start: row.starts_at, end: row.ends_at, link: row.link ?? '' },
    { name: row.customer_name },
    { name: row.agent_name, email: row.agent_email },
    ctx,
  );
  return {
    filename: `call-${callId}.ics`,
    contentType: 'text/calendar' as const,
    text: await buildIcs(invitation, purpose, ctx.now(), row.status === 'cancelled' ? row.status_note : null),
  };
};
