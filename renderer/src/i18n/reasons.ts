// The rules engine explains every decision with a reason: a stable `code`, its `params` and an
// English `text`. English shows the engine's own sentence; other languages rebuild the sentence
// from the code and params, and fall back to the English text for a code they do not know (a rule
// set may add its own), so an agent always reads what the engine decided, never a guess.
import type { Alternative, ChannelId, Decision, Reason } from '../../../shared/domain';
import { channelIds } from '../../../shared/domain';
import { formatGmt } from '../format/time';
import { translator, type Lang } from './index';

export interface ReasonContext {
  /** The decision the reason belongs to: its quota, openness and alternatives complete the sentence. */
  decision?: Decision;
  /** The account address answers are e-mailed to, when the engine's sentence names it. */
  accountEmail?: string;
  now?: number;
}

const str = (v: string | number | undefined): string => (v === undefined ? '' : String(v));
const num = (v: string | number | undefined): number | undefined =>
  typeof v === 'number' ? v : v !== undefined && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : undefined;

function isChannel(v: string | number | undefined): v is ChannelId {
  return typeof v === 'string' && (channelIds as readonly string[]).includes(v);
}

const toolNames: Record<string, string> = { skype: 'Skype', google_meet: 'Google Meet' };

/** The reason in the person's language. */
export function reasonText(reason: Reason, lang: Lang, ctx: ReasonContext = {}): string {
  if (lang === 'en') return reason.text;
  const french = frenchReason(reason, ctx);
  return french ?? reason.text;
}

function frenchReason(reason: Reason, ctx: ReasonContext): string | null {
  const t = translator('fr');
  const p = reason.params;
  const channel = isChannel(p.channel) ? p.channel : null;
  const channelName = channel ? t(`channel.${channel}`) : str(p.channel);
  const planName = str(p.planName);
  const community = str(p.community);
  const decision = ctx.decision;
  const quotaAfter = decision?.quota?.after;

  switch (reason.code) {
    case 'channel.not_on_plan': {
      const parts = [t('reason.channelNotOnPlan', { channel: channelName, plan: planName })];
      const alternatives = decision ? alternativesText(decision.alternatives) : '';
      if (alternatives) parts.push(alternatives);
      else if (community) parts.push(t('reason.communityAlways', { community }));
      return parts.join(' ');
    }
    case 'channel.included': {
      const parts = [t('reason.channelIncluded', { channel: channelName, plan: planName, hours: str(p.hours) })];
      const remaining = num(p.remaining);
      const limit = num(p.limit);
      if (remaining !== undefined && limit !== undefined) {
        parts.push(t('reason.quotaRemaining', { remaining, limit, plan: planName }));
      }
      return parts.join(' ');
    }
    case 'quota.exhausted': {
      const parts = [
        t('reason.quotaExhausted', {
          used: str(p.used),
          limit: str(p.limit),
          needed: str(p.needed),
          plan: planName,
        }),
      ];
      parts.push(community ? t('reason.upgradeOrCommunity', { community }) : t('reason.upgrade'));
      return parts.join(' ');
    }
    case 'intake.accepted':
    case 'answer.accepted': {
      const intake = str(p.intake);
      const parts = [
        reason.code === 'answer.accepted'
          ? t('reason.answerAccepted', { channel: channelName })
          : t('reason.intakeAccepted', {
              item: intakeName(intake, t),
              channel: channelName,
              plan: planName,
            }),
      ];
      const counts = num(p.counts);
      const usedAfter = num(p.usedAfter);
      const remainingAfter = num(p.remainingAfter);
      if (counts === 1 && usedAfter !== undefined && remainingAfter !== undefined) {
        parts.push(
          t('reason.quotaSpent', {
            used: usedAfter,
            limit: quotaAfter?.limit ?? usedAfter + remainingAfter,
            plan: planName,
            remaining: remainingAfter,
          }),
        );
      } else if (counts === 0) {
        parts.push(t('reason.quotaNotCounted', { plan: planName }));
      }
      if (ctx.accountEmail && reason.text.includes(ctx.accountEmail)) {
        parts.push(t('reason.emailed', { email: ctx.accountEmail }));
      }
      const nextOpen = num(p.nextOpen);
      if (reason.code === 'intake.accepted' && decision && !decision.openNow && nextOpen !== undefined) {
        parts.push(t('reason.waitsForOpening', { channel: channelName, at: formatGmt(nextOpen, 'fr', ctx.now, true) }));
      }
      return parts.join(' ');
    }
    case 'call.accepted':
      return t('reason.callAccepted', {
        plan: planName,
        minutes: str(p.durationMinutes),
        tool: toolNames[str(p.tool)] ?? str(p.tool),
        email: str(p.contactEmail),
      });
    case 'call.questions_required':
      return t('reason.callQuestions', { min: str(p.min) });
    case 'call.contact_email_invalid':
      return str(p.contactEmail) === ''
        ? t('reason.callEmailMissing')
        : t('reason.callEmailInvalid', { email: str(p.contactEmail) });
    case 'call.tool_invalid':
      return t('reason.callTool', { tool: str(p.tool) });
    case 'manager.included':
      return t('reason.managerIncluded', { plan: planName });
    case 'manager.not_on_plan':
      return t('reason.managerNotOnPlan', { plan: planName });
    case 'note.internal':
      return t('reason.noteInternal');
    default:
      return null;
  }
}

function intakeName(intake: string, t: ReturnType<typeof translator>): string {
  switch (intake) {
    case 'topic_question':
      return t('intake.topic_question');
    case 'blog_comment':
      return t('intake.blog_comment');
    case 'email':
      return t('intake.email');
    case 'chat':
      return t('intake.chat');
    case 'call_request':
      return t('intake.call_request');
    default:
      return t('intake.item');
  }
}

function alternativesText(alternatives: Alternative[]): string {
  const t = translator('fr');
  const parts: string[] = [];
  for (const alt of alternatives) {
    if (alt.kind === 'channel') parts.push(t('reason.altChannel', { channel: t(`channel.${alt.channel}`) }));
    else if (alt.kind === 'upgrade') parts.push(t('reason.altUpgrade', { plans: alt.planNames.join(', ') }));
    else parts.push(t('reason.altCommunity', { community: alt.name }));
  }
  return parts.length === 0 ? '' : t('reason.alternatives', { list: parts.join(' ; ') });
}
