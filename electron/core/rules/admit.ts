import { email as emailSchema, intake as intakeSchema } from '../../../shared/domain';
import type {
  AdmitDecision,
  ChannelId,
  Intake,
  MessageKind,
  Reason,
  RuleCustomer,
  RuleUsage,
} from '../../../shared/domain';
import {
  accessRefusalText,
  alternativesFor,
  channelSubject,
  clockOf,
  listText,
  quotaGate,
  quotaRefusal,
  quotaSpentText,
  reason,
  unique,
  unlimitedPlans,
} from './common';
import { assertEngineInputs } from './entitlements';
import { formatInstant } from './hours';
import { channelOf, planOf } from './queries';
import type { RuleSet } from './ruleset';

/** Where an intake lands and what kind of message it is for quota purposes. */
export function routeIntake(item: Intake): { channel: ChannelId; kind: MessageKind } {
  switch (item.kind) {
    case 'topic_question':
      return { channel: 'topic', kind: 'question' };
    case 'blog_comment':
      return { channel: 'blog_comment', kind: 'blog_comment' };
    case 'email':
      return { channel: 'email', kind: 'question' };
    case 'chat':
      return { channel: 'chat', kind: 'question' };
    case 'call_request':
      return { channel: 'phone', kind: 'question' };
    case 'staff_answer':
      return { channel: item.channel, kind: 'answer' };
  }
}

const intakeNoun: Record<Intake['kind'], string> = {
  topic_question: 'Topic question',
  blog_comment: 'Blog comment',
  email: 'Email',
  chat: 'Chat',
  call_request: 'Call request',
  staff_answer: 'Answer',
};

interface Failure {
  code: string;
  params: Reason['params'];
  text: string;
  ruleId: string;
}

/** The first unmet scheduling requirement, in the order the source states them. */
function callRequirementFailure(
  ruleSet: RuleSet,
  item: Extract<Intake, { kind: 'call_request' }>,
): Failure | null {
  const phone = ruleSet.phone;
  const questions = item.questions.filter((q) => q.trim() !== '').length;
  if (questions < phone.questions.min) {
    return {
      code: 'call.questions_required',
      params: { min: phone.questions.min, given: questions },
      text:
        `A call can be scheduled only when the questions are sent in advance: ` +
        `add at least ${phone.questions.min} question${phone.questions.min === 1 ? '' : 's'}.`,
      ruleId: phone.questions.id,
    };
  }
  const contact = item.contactEmail.trim();
  if (phone.contactEmail.required && !emailSchema.safeParse(contact).success) {
    return {
      code: 'call.contact_email_invalid',
      params: { contactEmail: contact },
      text:
        `A call can be scheduled only with a valid e-mail address for communication; ` +
        (contact === '' ? 'none was given.' : `"${contact}" is not one.`),
      ruleId: phone.contactEmail.id,
    };
  }
  if (!phone.tools.allowed.some((t) => t.id === item.tool)) {
    const names = phone.tools.allowed.map((t) => t.name);
    return {
      code: 'call.tool_invalid',
      params: {
        tool: item.tool,
        tools: phone.tools.allowed.map((t) => t.id).join(','),
        toolNames: names.join(', '),
      },
      text: `Calls are held over ${listText(names, 'or')}; "${item.tool}" is not one of them.`,
      ruleId: phone.tools.id,
    };
  }
  return null;
}

/** Decides one incoming item against the customer's plan, quota and the channel's hours. */
export function admit(
  ruleSet: RuleSet,
  customer: RuleCustomer,
  usage: RuleUsage,
  item: Intake,
  now: number,
): AdmitDecision {
  const plan = planOf(ruleSet, customer.planId);
  assertEngineInputs(customer, usage, now);
  const parsed = intakeSchema.safeParse(item);
  if (!parsed.success) {
    throw new Error(`invalid intake: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  const { channel, kind } = routeIntake(item);
  const rules = channelOf(ruleSet, channel);
  const clock = clockOf(ruleSet, channel, now);
  const gate = quotaGate(ruleSet, plan.id, usage, channel, kind);
  const baseParams = { intake: item.kind, channel, plan: plan.id, planName: plan.name };
  const timing = { openNow: clock.openNow, nextOpen: clock.nextOpen };

  const refuse = (
    code: string,
    params: Reason['params'],
    text: string,
    ruleIds: string[],
    upgradePlanIds: readonly string[],
  ): AdmitDecision => ({
    outcome: 'refuse',
    reason: reason(code, { ...baseParams, community: ruleSet.community.name, ...params }, text),
    ruleIds: unique([...ruleIds, clock.hoursRuleId, ruleSet.community.id]),
    alternatives: alternativesFor(ruleSet, plan, usage, channel, upgradePlanIds),
    quota: gate.before ? { counts: false, before: gate.before, after: gate.before } : null,
    ...timing,
  });

  const refuseForQuota = (ruleIds: string[]): AdmitDecision => {
    const refusal = quotaRefusal(ruleSet, plan, gate, kind, channel);
    return refuse(
      refusal.code,
      refusal.params,
      refusal.text,
      [...ruleIds, ...gate.ruleIds],
      unlimitedPlans(ruleSet, channel),
    );
  };

  const accept = (
    code: string,
    params: Reason['params'],
    sentences: string[],
    ruleIds: string[],
  ): AdmitDecision => {
    const after = gate.after;
    const extra: Reason['params'] = {};
    if (after) {
      extra.counts = gate.counts ? 1 : 0;
      extra.usedAfter = after.used;
      extra.reservedAfter = after.reserved;
      extra.remainingAfter = after.remaining;
    }
    if (clock.nextOpen !== null) extra.nextOpen = clock.nextOpen;
    // Staff may write whenever they like; only customer items wait for the channel to open.
    const clockStartsAt = item.kind !== 'staff_answer' && !clock.openNow ? clock.nextOpen : null;
    if (clockStartsAt !== null) extra.clockStartsAt = clockStartsAt;
    const quotaText = gate.counts
      ? [quotaSpentText(plan, gate, kind)]
      : gate.before && ruleSet.quota
        ? [
            `This ${kind === 'answer' ? 'answer' : 'message'} does not count toward the ${plan.name} plan's ${ruleSet.quota.limit} ${ruleSet.quota.label}.`,
          ]
        : [];
    const waits =
      clockStartsAt !== null
        ? [
            `${rules.name} is closed now; the response clock starts when it opens, ` +
              `${formatInstant(clockStartsAt, clock.zone)}.`,
          ]
        : [];
    return {
      outcome: 'accept',
      reason: reason(
        code,
        { ...baseParams, ...extra, ...params },
        [...sentences, ...quotaText, ...waits].join(' '),
      ),
      ruleIds: unique([...ruleIds, clock.hoursRuleId, ...gate.ruleIds]),
      alternatives: [],
      quota: gate.before && after ? { counts: gate.counts, before: gate.before, after } : null,
      ...timing,
    };
  };

  const noticeSentence = (): string[] =>
    ruleSet.answerNotice.channels.includes(channel)
      ? [
          `The answer is e-mailed to ${customer.accountEmail}` +
            (ruleSet.answerNotice.spamReminder
              ? '; if no notification arrives, check the Spam folder.'
              : '.'),
        ]
      : [];
  const noticeRuleIds = ruleSet.answerNotice.channels.includes(channel) ? [ruleSet.answerNotice.id] : [];
  /** The notice as data, so each language can say it. */
  const noticeParams: Reason['params'] = ruleSet.answerNotice.channels.includes(channel)
    ? { emailedTo: customer.accountEmail, spamReminder: ruleSet.answerNotice.spamReminder ? 1 : 0 }
    : {};

  if (item.kind === 'staff_answer') {
    // Staff may reply on any channel (e.g. the courteous reply to a refused e-mail); only quota limits them.
    if (!gate.allowed) return refuseForQuota([]);
    const { subject, place } = channelSubject(channel);
    const sentence = rules.plans.includes(plan.id)
      ? `Answer accepted ${place}.`
      : `Answer accepted: staff may reply ${place} even though the ${plan.name} plan does not include ` +
        `${subject.charAt(0).toLowerCase()}${subject.slice(1)}.`;
    return accept('answer.accepted', noticeParams, [sentence, ...noticeSentence()], noticeRuleIds);
  }

  if (!rules.plans.includes(plan.id)) {
    return refuse(
      'channel.not_on_plan',
      {},
      accessRefusalText(ruleSet, plan, channel, usage),
      [rules.accessRuleId],
      rules.plans,
    );
  }
  if (!gate.allowed) return refuseForQuota([rules.accessRuleId]);

  const { subject, verb } = channelSubject(channel);
  const lowerSubject = subject.charAt(0).toLowerCase() + subject.slice(1);
  const included = `${lowerSubject} ${verb} included in the ${plan.name} plan (${clock.hours}).`;

  if (item.kind === 'call_request') {
    const phone = ruleSet.phone;
    const requirementIds = [phone.questions.id, phone.contactEmail.id, phone.tools.id];
    const failure = callRequirementFailure(ruleSet, item);
    if (failure) {
      return refuse(
        failure.code,
        failure.params,
        failure.text,
        [rules.accessRuleId, ...requirementIds.slice(0, requirementIds.indexOf(failure.ruleId) + 1)],
        [],
      );
    }
    const tool = phone.tools.allowed.find((t) => t.id === item.tool)?.name ?? item.tool;
    const contact = item.contactEmail.trim();
    return accept(
      'call.accepted',
      {
        tool: item.tool,
        toolName: tool,
        contactEmail: contact,
        durationMinutes: phone.call.defaultDurationMinutes,
        insideHours: phone.call.insideChannelHours ? 1 : 0,
      },
      [
        `Call request accepted: phone support is included in the ${plan.name} plan.`,
        `The call will be scheduled ${phone.call.insideChannelHours ? `inside phone hours (${clock.hours}), ` : ''}` +
          `${phone.call.defaultDurationMinutes} minutes by default, over ${tool}; details go to ${contact}.`,
      ],
      [rules.accessRuleId, ...requirementIds, phone.call.id],
    );
  }

  return accept(
    'intake.accepted',
    noticeParams,
    [`${intakeNoun[item.kind]} accepted: ${included}`, ...noticeSentence()],
    [rules.accessRuleId, ...noticeRuleIds],
  );
}
