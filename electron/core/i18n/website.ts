// What the website shows a customer under their post, in the post's language: the console's words
// for admit's decision. Rebuilt from the reason's code and params (the engine's English `text` is for
// agents); a refusal says the rule and the alternatives as the agent's "Answer with the rule" does.
import type { Decision } from '../../../shared/domain';
import type { WebsiteLanguage, WebsitePostKind } from '../../../shared/website';
import type { RuleSet } from '../rules';
import { refusalExplanation } from './drafts';
import { hoursText } from './hours';

interface Catalogue {
  received: Record<WebsitePostKind, string>;
  emailed(address: string, spamReminder: boolean): string;
  quotaLeft(remaining: number, limit: number, planName: string): string;
  closed(opensAt: string): string;
  call(p: { hours: string | null; minutes: number; tool: string; contact: string }): string;
}

const en: Catalogue = {
  received: {
    topic_question: 'Your question has been received.',
    blog_comment: 'Your comment has been received.',
    call_request: 'Your call request has been received.',
  },
  emailed: (address, spam) =>
    `The answer will be e-mailed to ${address}` +
    (spam ? '; if no notification arrives, please look in your Spam folder.' : '.'),
  quotaLeft: (remaining, limit, planName) =>
    `Your ${planName} plan has ${remaining} of its ${limit} messages left.`,
  closed: (opensAt) => `We are closed now; we will answer once we open, ${opensAt}.`,
  call: ({ hours, minutes, tool, contact }) =>
    `We will schedule the call${hours ? ` within phone hours (${hours})` : ''}: ${minutes} minutes over ${tool}. ` +
    `The date and time will be sent to ${contact}.`,
};

const fr: Catalogue = {
  received: {
    topic_question: 'Votre question a bien été reçue.',
    blog_comment: 'Votre commentaire a bien été reçu.',
    call_request: 'Votre demande d’appel a bien été reçue.',
  },
  emailed: (address, spam) =>
    `La réponse sera envoyée à ${address}` +
    (spam
      ? ` (si vous ne recevez pas de notification, vérifiez le dossier « Spam » de votre boîte aux lettres).`
      : '.'),
  quotaLeft: (remaining, limit, planName) =>
    `Il reste ${remaining} des ${limit} messages de votre plan ${planName}.`,
  closed: (opensAt) => `Nous sommes fermés en ce moment\u202f; nous répondrons dès l’ouverture, ${opensAt}.`,
  call: ({ hours, minutes, tool, contact }) =>
    `Nous programmerons l’appel${hours ? ` pendant les heures de l’assistance téléphonique (${hours})` : ''}\u202f: ` +
    `${minutes} minutes via ${tool}. La date et l’heure seront envoyées à ${contact}.`,
};

const catalogues: Record<WebsiteLanguage, Catalogue> = { en, fr };

const str = (v: string | number | undefined): string => (v === undefined ? '' : String(v));
const num = (v: string | number | undefined): number | null => {
  const n = typeof v === 'number' ? v : Number(v);
  return v === undefined || !Number.isFinite(n) ? null : n;
};

function instantText(at: number, zone: string, language: WebsiteLanguage): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(at);
}

/** The customer's text for a post the console decided on. */
export function websiteCustomerText(
  rules: RuleSet,
  kind: WebsitePostKind,
  decision: Decision,
  language: WebsiteLanguage,
): string {
  if (decision.outcome === 'refuse') {
    const explained = refusalExplanation({ locale: language, rules, decision });
    return [explained.reason, '', explained.insteadIntro, ...explained.instead].join('\n');
  }
  const c = catalogues[language];
  const p = decision.reason.params;
  const channel = rules.channels.find((ch) => ch.id === p.channel);
  const sentences = [c.received[kind]];
  if (decision.reason.code === 'call.accepted') {
    sentences.push(
      c.call({
        hours: num(p.insideHours) === 1 && channel ? hoursText(channel.calendar, language) : null,
        minutes: num(p.durationMinutes) ?? rules.phone.call.defaultDurationMinutes,
        tool: str(p.toolName),
        contact: str(p.contactEmail),
      }),
    );
  } else if (decision.reason.code !== 'intake.accepted') {
    // A custom rule set's code this catalogue does not know: the engine's own sentence.
    return decision.reason.text;
  }
  if (p.emailedTo !== undefined) sentences.push(c.emailed(str(p.emailedTo), num(p.spamReminder) === 1));
  const remaining = num(p.remainingAfter);
  if (num(p.counts) === 1 && remaining !== null && rules.quota) {
    sentences.push(c.quotaLeft(remaining, rules.quota.limit, str(p.planName)));
  }
  const opensAt = num(p.clockStartsAt);
  if (opensAt !== null && channel) {
    sentences.push(c.closed(instantText(opensAt, channel.calendar.zone, language)));
  }
  return sentences.join(' ');
}
