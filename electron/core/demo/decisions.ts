// admit() is exact but slow for bulk fixtures (it validates its inputs and formats its reasons on
// every call, ~0.2 ms). Decisions for the same plan, balance, intake and channel state are equal
// except for two values the engine copies in: the decision time (when the channel is open) and the
// account e-mail (in the topic notice sentence), plus a call request's contact address. So each distinct situation is decided by the real
// engine, and later ones reuse that result with those two values swapped in. A situation is reused
// only after a second real decision matched the swapped copy byte for byte; otherwise it is always
// decided afresh, so a change in the engine can never make demo rows differ from live ones.
import type { AdmitDecision, Decision, Intake, RuleCustomer, RuleUsage } from '../../../shared/domain';
import { email as emailSchema } from '../../../shared/domain';
import { admit, calendarFor, routeIntake, type RuleSet } from '../rules';

interface Template {
  json: string;
  text: string;
  /** The decision time copied into the template when the channel was open; null when closed. */
  now: number | null;
  email: string;
  /** A call request's contact address when it differs from the account e-mail; null otherwise. */
  contact: string | null;
}

interface Entry {
  template: Template;
  /** null until a second real decision confirmed (true) or refuted (false) the substitution. */
  verified: boolean | null;
}

/** Enough of a decision to drive the simulation; the JSON is rendered only when rows are written. */
export interface Decided {
  outcome: 'accept' | 'refuse';
  counts: boolean;
  code: string;
  /** Exact JSON when it was decided by the engine, or null when rendered from `template`. */
  json: string | null;
  text: string | null;
  template: Template | null;
  now: number;
  email: string;
  contact: string | null;
}

export class DecisionCache {
  private readonly entries = new Map<string, Entry>();
  realCalls = 0;
  reused = 0;

  /** `reuse: false` decides everything with the engine; tests compare the two. */
  constructor(
    private readonly rules: RuleSet,
    private readonly reuse = true,
  ) {}

  decide(customer: RuleCustomer, usage: RuleUsage, intake: Intake, now: number): Decided {
    const { channel } = routeIntake(intake);
    const calendar = calendarFor(this.rules, channel);
    const open = calendar.isOpen(now);
    const state = open ? 'open' : String(calendar.nextOpen(now));
    const { variant, contact } = variantOf(customer, intake);
    const key = `${customer.planId}|${usage.quotaUsed}|${usage.quotaReserved}|${usage.ticketReserved ?? 0}|${variant}|${state}`;
    const entry = this.entries.get(key);
    if (!entry) {
      const decided = this.real(customer, usage, intake, now, contact);
      this.entries.set(key, { template: templateOf(decided, open), verified: null });
      return decided;
    }
    if (entry.verified === true && this.reuse) {
      this.reused++;
      const head = entry.template;
      const { outcome, counts, code } = headOf(head);
      return {
        outcome,
        counts,
        code,
        json: null,
        text: null,
        template: head,
        now,
        email: customer.accountEmail,
        contact,
      };
    }
    const decided = this.real(customer, usage, intake, now, contact);
    if (entry.verified === null) {
      const rendered = render(entry.template, now, customer.accountEmail, contact);
      entry.verified = rendered.json === decided.json && rendered.text === decided.text;
    }
    return decided;
  }

  private real(
    customer: RuleCustomer,
    usage: RuleUsage,
    intake: Intake,
    now: number,
    contact: string | null,
  ): Decided {
    this.realCalls++;
    const d: AdmitDecision = admit(this.rules, customer, usage, intake, now);
    return {
      outcome: d.outcome,
      counts: d.quota?.counts ?? false,
      code: d.reason.code,
      json: JSON.stringify(d),
      text: d.reason.text,
      template: null,
      now,
      email: customer.accountEmail,
      contact,
    };
  }
}

/**
 * Everything about the intake that may shape the decision, except the values render() swaps in. A
 * call request's contact address is swapped only when it is valid and not the account e-mail (so
 * the two never collide); an invalid one is part of the key, since the engine quotes it.
 */
function variantOf(customer: RuleCustomer, intake: Intake): { variant: string; contact: string | null } {
  switch (intake.kind) {
    case 'staff_answer':
      return { variant: `answer:${intake.channel}`, contact: null };
    case 'call_request': {
      const questions = intake.questions.filter((q) => q.trim() !== '').length;
      const raw = intake.contactEmail;
      const trimmed = raw.trim();
      const swappable =
        raw === trimmed && trimmed !== customer.accountEmail && emailSchema.safeParse(trimmed).success;
      const contactKey = swappable
        ? 'other'
        : trimmed === customer.accountEmail && raw === trimmed
          ? 'self'
          : `literal:${raw}`;
      return {
        variant: `call:${JSON.stringify([intake.tool, questions, contactKey])}`,
        contact: swappable ? trimmed : null,
      };
    }
    default:
      return { variant: intake.kind, contact: null };
  }
}

function templateOf(d: Decided, open: boolean): Template {
  if (d.json === null || d.text === null) throw new Error('a template needs a real decision');
  return { json: d.json, text: d.text, now: open ? d.now : null, email: d.email, contact: d.contact };
}

// Parsing the template once per reuse would cost more than the engine saves; the head fields are
// cached on the template object the first time they are asked for.
const heads = new WeakMap<Template, Pick<Decided, 'outcome' | 'counts' | 'code'>>();
function headOf(t: Template): Pick<Decided, 'outcome' | 'counts' | 'code'> {
  let head = heads.get(t);
  if (!head) {
    const d = JSON.parse(t.json) as AdmitDecision;
    head = { outcome: d.outcome, counts: d.quota?.counts ?? false, code: d.reason.code };
    heads.set(t, head);
  }
  return head;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type Slot = 'now' | 'email' | 'contact';

/** A template text cut at every occurrence of a swappable value: literal pieces between slots. */
interface Compiled {
  pieces: string[];
  slots: Slot[];
}

const compiled = new WeakMap<Template, { json: Compiled; text: Compiled }>();

/** Cut once per template (in one pass, longest value first, so no value is matched inside another). */
function compile(text: string, t: Template): Compiled {
  const values = new Map<string, Slot>();
  if (t.now !== null) values.set(String(t.now), 'now');
  values.set(t.email, 'email');
  if (t.contact !== null) values.set(t.contact, 'contact');
  const olds = [...values.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(olds.map(escapeRegExp).join('|'), 'g');
  const pieces: string[] = [];
  const slots: Slot[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    pieces.push(text.slice(last, m.index));
    slots.push(values.get(m[0]) ?? 'email');
    last = m.index + m[0].length;
  }
  pieces.push(text.slice(last));
  return { pieces, slots };
}

function fillIn(c: Compiled, values: Record<Slot, string>): string {
  let out = c.pieces[0] ?? '';
  for (let i = 0; i < c.slots.length; i++) out += values[c.slots[i] as Slot] + (c.pieces[i + 1] ?? '');
  return out;
}

function render(
  t: Template,
  now: number,
  email: string,
  contact: string | null,
): { json: string; text: string } {
  let c = compiled.get(t);
  if (!c) {
    c = { json: compile(t.json, t), text: compile(t.text, t) };
    compiled.set(t, c);
  }
  const values: Record<Slot, string> = {
    now: String(t.now === null ? '' : now),
    email,
    contact: contact ?? t.contact ?? '',
  };
  return { json: fillIn(c.json, values), text: fillIn(c.text, values) };
}

/** The decision's JSON (as stored in tickets.intake_decision / messages.decision) and reason text. */
export function materialize(d: Decided): { json: string; text: string } {
  if (d.json !== null && d.text !== null) return { json: d.json, text: d.text };
  if (!d.template) throw new Error('a decision without JSON or template');
  return render(d.template, d.now, d.email, d.contact);
}

export function decisionOf(d: Decided): Decision {
  return JSON.parse(materialize(d).json) as Decision;
}
