// The rules engine explains every decision with a reason: a stable `code`, its `params` and an
// English `text`. English shows the engine's own sentence (the one an agent reads to a customer);
// other languages rebuild the sentence from the code and params only, never from the English text,
// and fall back to the English text for a code they do not know (a rule set may add its own), so an
// agent always reads what the engine decided, never a guess.
import type { Alternative, ChannelId, Decision, OpeningHours, Reason } from '../../../shared/domain';
import { formatHours } from '../format/hours';
import { channelIds } from '../format/vocabulary';
import { formatGmt } from '../format/time';
import { translator, type Lang } from './index';
import { planName as nameOfPlan } from './plans';

export interface ReasonContext {
  /** The decision the reason belongs to: its quota and alternatives complete the sentence. */
  decision?: Decision;
  /** The channel's hours, for a reason that names them (the engine's `hours` param is English). */
  hours?: OpeningHours;
  now?: number;
}

const str = (v: string | number | undefined): string => (v === undefined ? '' : String(v));
const num = (v: string | number | undefined): number | undefined =>
  typeof v === 'number' ? v : v !== undefined && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : undefined;

function isChannel(v: string | number | undefined): v is ChannelId {
  return typeof v === 'string' && (channelIds as readonly string[]).includes(v);
}

// The engine's sentences in French, one template per sentence it builds; `{x}` takes the param.
const sentences = {
  channelNotOnPlan: '{channel} : non inclus dans le plan {plan}.',
  communityAlways: 'Le groupe {community} reste ouvert à tous.',
  channelIncluded: '{channel} : inclus dans le plan {plan} ({hours}).',
  channelIncludedNoHours: '{channel} : inclus dans le plan {plan}.',
  quotaRemaining: 'Il reste {remaining} messages sur {limit} du quota du plan {plan}.',
  quotaExhausted:
    'Les {limit} messages du plan {plan} sont épuisés ({used} sur {limit} utilisés ; il en faut {needed}).',
  quotaInsufficient:
    'Il ne reste pas assez des {limit} messages du plan {plan} pour {what} : {used} sur {limit} utilisés{kept}, {remaining} restant(s) ; il en faut {needed}.',
  quotaKeptSentenceOne: '1 autre est réservé à la réponse d’une question en cours.',
  quotaKeptSentenceMany: '{n} autres sont réservés aux réponses de questions en cours.',
  quotaKeptOne: ', 1 réservé à la réponse d’une question en cours',
  quotaKeptMany: ', {n} réservés aux réponses de questions en cours',
  quotaForQuestion: 'une nouvelle question et sa réponse',
  quotaForComment: 'un commentaire de blog',
  quotaForAnswer: 'une réponse',
  upgradeOrCommunity:
    'Passez à un plan payant pour des messages illimités, ou demandez au groupe {community}.',
  upgrade: 'Passez à un plan payant pour des messages illimités.',
  answerAccepted: 'Réponse acceptée ({channel}).',
  intakeAccepted: '{item} accepté : {channel} est inclus dans le plan {plan}.',
  quotaSpent: 'Coût : message {used} sur {limit} du quota du plan {plan} ; il en reste {remaining}.',
  quotaNotCounted: 'Ce message ne compte pas dans le quota du plan {plan}.',
  emailed:
    'La réponse est envoyée par e-mail à {email} ; sans notification, le client doit regarder dans ses courriers indésirables.',
  emailedPlain: 'La réponse est envoyée par e-mail à {email}.',
  waitsForOpening: '{channel} est fermé ; le délai de réponse démarre à l’ouverture, {at}.',
  callAccepted:
    'Demande d’appel acceptée : le support téléphonique est inclus dans le plan {plan}. L’appel sera planifié pendant les heures du téléphone, {minutes} minutes par défaut, via {tool} ; les détails iront à {email}.',
  callAcceptedAnyHour:
    'Demande d’appel acceptée : le support téléphonique est inclus dans le plan {plan}. L’appel durera {minutes} minutes par défaut, via {tool} ; les détails iront à {email}.',
  callQuestions:
    'Un appel ne peut être planifié que si les questions sont envoyées à l’avance : ajoutez au moins {min} question(s).',
  callEmailMissing:
    'Un appel ne peut être planifié qu’avec une adresse e-mail valide pour la communication ; aucune n’a été donnée.',
  callEmailInvalid:
    'Un appel ne peut être planifié qu’avec une adresse e-mail valide pour la communication ; « {email} » n’en est pas une.',
  callTool: 'Les appels se font via : {tools} ; « {tool} » n’en fait pas partie.',
  managerIncluded: 'Un manager personnel est inclus dans le plan {plan}.',
  managerNotOnPlan: 'Le plan {plan} n’inclut pas de manager personnel.',
  unknownCustomer:
    'Aucun client n’a l’adresse {address}\u202f: ce que l’expéditeur peut utiliser ne peut pas être décidé. Rattachez le ticket à un client et les règles décideront selon son plan.',
  unknownCustomerNoAddress:
    'Cet e-mail est arrivé sans adresse d’expéditeur\u202f: rien ne peut être décidé ni envoyé par e-mail avant que le ticket soit rattaché à un client.',
  unknownCustomerAnswer:
    'L’expéditeur n’est encore rattaché à aucun client\u202f: la réponse est envoyée par e-mail à {address} et ne compte dans aucun quota.',
  noteInternal:
    'Les notes internes ne sont visibles que par l’équipe : elles ne sont jamais envoyées au client et ne comptent jamais dans un quota.',
  altChannel: '{channel}',
  altUpgrade: 'un plan qui l’inclut ({plans})',
  altCommunity: 'le groupe {community}',
  alternatives: 'À la place : {list}.',
} as const;

function say(key: keyof typeof sentences, params: Record<string, string | number> = {}): string {
  return sentences[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

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
  // The engine names the plan in English; French names it by id.
  const planName = nameOfPlan('fr', str(p.plan), str(p.planName));
  const community = str(p.community);
  const decision = ctx.decision;
  const quotaAfter = decision?.quota?.after;

  switch (reason.code) {
    case 'channel.not_on_plan': {
      const parts = [say('channelNotOnPlan', { channel: channelName, plan: planName })];
      const alternatives = decision ? alternativesText(decision.alternatives) : '';
      if (alternatives) parts.push(alternatives);
      else if (community) parts.push(say('communityAlways', { community }));
      return parts.filter((part) => part !== '').join(' ');
    }
    case 'channel.included': {
      const parts = [
        ctx.hours
          ? say('channelIncluded', {
              channel: channelName,
              plan: planName,
              hours: formatHours(ctx.hours, 'fr', t),
            })
          : say('channelIncludedNoHours', { channel: channelName, plan: planName }),
      ];
      const remaining = num(p.remaining);
      const limit = num(p.limit);
      if (remaining !== undefined && limit !== undefined) {
        parts.push(say('quotaRemaining', { remaining, limit, plan: planName }));
        parts.push(keptSentence(num(p.reserved)));
      }
      return parts.filter((part) => part !== '').join(' ');
    }
    case 'quota.exhausted': {
      const parts = [
        say('quotaExhausted', {
          used: str(p.used),
          limit: str(p.limit),
          needed: str(p.needed),
          plan: planName,
        }),
      ];
      parts.push(community ? say('upgradeOrCommunity', { community }) : say('upgrade'));
      return parts.filter((part) => part !== '').join(' ');
    }
    case 'quota.insufficient': {
      const reserved = num(p.reserved) ?? 0;
      const intake = str(p.intake);
      const what =
        intake === 'blog_comment' || channel === 'blog_comment'
          ? say('quotaForComment')
          : intake === 'staff_answer'
            ? say('quotaForAnswer')
            : say('quotaForQuestion');
      const parts = [
        say('quotaInsufficient', {
          used: str(p.used),
          limit: str(p.limit),
          remaining: str(p.remaining),
          needed: str(p.needed),
          plan: planName,
          what,
          kept:
            reserved === 0
              ? ''
              : reserved === 1
                ? say('quotaKeptOne')
                : say('quotaKeptMany', { n: reserved }),
        }),
      ];
      parts.push(community ? say('upgradeOrCommunity', { community }) : say('upgrade'));
      return parts.filter((part) => part !== '').join(' ');
    }
    case 'intake.accepted':
    case 'answer.accepted': {
      const intake = str(p.intake);
      const parts = [
        reason.code === 'answer.accepted'
          ? say('answerAccepted', { channel: channelName })
          : say('intakeAccepted', {
              item: intakeName(intake, t),
              channel: channelName,
              plan: planName,
            }),
      ];
      const counts = num(p.counts);
      const usedAfter = num(p.usedAfter);
      const remainingAfter = num(p.remainingAfter);
      const reservedAfter = num(p.reservedAfter) ?? 0;
      if (counts === 1 && usedAfter !== undefined && remainingAfter !== undefined) {
        parts.push(
          say('quotaSpent', {
            used: usedAfter,
            limit: quotaAfter?.limit ?? usedAfter + reservedAfter + remainingAfter,
            plan: planName,
            remaining: remainingAfter,
          }),
        );
        parts.push(keptSentence(reservedAfter));
      } else if (counts === 0) {
        parts.push(say('quotaNotCounted', { plan: planName }));
      }
      const emailedTo = str(p.emailedTo);
      if (emailedTo !== '') {
        parts.push(say(num(p.spamReminder) === 1 ? 'emailed' : 'emailedPlain', { email: emailedTo }));
      }
      const clockStartsAt = num(p.clockStartsAt);
      if (clockStartsAt !== undefined) {
        parts.push(
          say('waitsForOpening', { channel: channelName, at: formatGmt(clockStartsAt, 'fr', ctx.now, true) }),
        );
      }
      return parts.filter((part) => part !== '').join(' ');
    }
    case 'call.accepted':
      return say(num(p.insideHours) === 0 ? 'callAcceptedAnyHour' : 'callAccepted', {
        plan: planName,
        minutes: str(p.durationMinutes),
        tool: str(p.toolName) || str(p.tool),
        email: str(p.contactEmail),
      });
    case 'call.questions_required':
      return say('callQuestions', { min: str(p.min) });
    case 'call.contact_email_invalid':
      return str(p.contactEmail) === ''
        ? say('callEmailMissing')
        : say('callEmailInvalid', { email: str(p.contactEmail) });
    case 'call.tool_invalid':
      return say('callTool', { tool: str(p.tool), tools: str(p.toolNames) || str(p.tools) });
    case 'manager.included':
      return say('managerIncluded', { plan: planName });
    case 'manager.not_on_plan':
      return say('managerNotOnPlan', { plan: planName });
    case 'note.internal':
      return say('noteInternal');
    case 'unknown_customer':
      return say('unknownCustomer', { address: str(p.address) });
    case 'unknown_customer.no_address':
      return say('unknownCustomerNoAddress');
    case 'unknown_customer.answer':
      return say('unknownCustomerAnswer', { address: str(p.address) });
    default:
      return null;
  }
}

function keptSentence(reserved: number | undefined): string {
  if (!reserved) return '';
  return reserved === 1 ? say('quotaKeptSentenceOne') : say('quotaKeptSentenceMany', { n: reserved });
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
    if (alt.kind === 'channel') parts.push(say('altChannel', { channel: t(`channel.${alt.channel}`) }));
    else if (alt.kind === 'upgrade')
      parts.push(
        say('altUpgrade', {
          plans: alt.planIds.map((id, i) => nameOfPlan('fr', id, alt.planNames[i] ?? id)).join(', '),
        }),
      );
    else parts.push(say('altCommunity', { community: alt.name }));
  }
  return parts.length === 0 ? '' : say('alternatives', { list: parts.join('\u202f; ') });
}
