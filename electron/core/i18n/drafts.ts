// "Answer with the rule": a courteous reply built from a decision that refused something, in English
// or French. Pure text: the handler picks the decision, this module only words it. Sentences are
// rebuilt from the reason's code and params (the engine's English `text` is for agents); a code this
// catalogue does not know (a custom rule set's) falls back to the engine's own sentence.
import type { DraftLocale } from '../../../shared/contract';
import type { Alternative, ChannelId, Decision } from '../../../shared/domain';
import { planName } from '../../../shared/plan-names';
import type { RuleSet } from '../rules';
import { hoursText } from './hours';

export interface RuleDraftInput {
  locale: DraftLocale;
  rules: RuleSet;
  decision: Decision;
  customerName: string;
  /** The ticket's subject, quoted so the customer knows which request this answers. */
  subject: string;
  /** Who signs; null drafts leave the signature to the agent. */
  agentName: string | null;
}

interface Catalogue {
  greeting(name: string): string;
  thanks(subject: string): string;
  notOnPlan(channel: ChannelId, hours: string, plans: string, planName: string): string;
  /** A Free-quota refusal: of a question or comment (what it needs), or of our answer to one. */
  quotaRefused(p: {
    planName: string;
    limit: number;
    used: number;
    reserved: number;
    needed: number;
    intake: string;
  }): string;
  callQuestions(min: number): string;
  callContactEmail(given: string): string;
  callTool(given: string, tools: string[]): string;
  insteadIntro: string;
  channelAlternative(channel: ChannelId, name: string, hours: string, answerByEmail: boolean): string;
  upgradeAlternative(plans: string[], forQuota: boolean): string;
  communityAlternative(name: string, platform: string, url: string): string;
  closing: string;
  signOff: string;
  /** Every plan / all paid plans (names) / the X and Y plans. */
  plans(kind: 'every' | 'paid' | 'some', names: string[]): string;
}

function listWith(items: string[], word: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1] ?? ''}`;
}

const en: Catalogue = {
  greeting: (name) => `Hello ${name},`,
  thanks: (subject) => `Thank you for your message “${subject}”.`,
  notOnPlan(channel, hours, plans, planName) {
    const subject = {
      topic: `Topics (${hours}) are`,
      email: `Email support (${hours}) is`,
      chat: `Chat support over Skype (${hours}) is`,
      phone: `Phone support, a call over Skype or Google Meet (${hours}), is`,
      blog_comment: 'Blog comments are',
    }[channel];
    return (
      `${subject} available on ${plans}, and your account is on the ${planName} plan, ` +
      'so we cannot take your request this way.'
    );
  },
  quotaRefused: ({ planName, limit, used, reserved, needed, intake }) =>
    `On the ${planName} plan you have ${limit} messages in topics, counting questions, answers and comments on blog posts. ` +
    `Your account has used ${used} of them` +
    (reserved === 0
      ? ''
      : reserved === 1
        ? ' and 1 more is kept for our answer to another open question'
        : ` and ${reserved} more are kept for our answers to other open questions`) +
    (intake === 'staff_answer'
      ? ', so we cannot send our answer in the topic.'
      : `, and ${
          intake === 'blog_comment'
            ? `a blog comment needs ${needed}`
            : needed === 2
              ? 'a new question needs 2: the question and its answer'
              : `a new question needs ${needed}`
        }, so we cannot take it in a topic.`),
  callQuestions: (min) =>
    `To schedule the date and time of a call, we need your questions in advance: please send us at least ${min === 1 ? 'one question' : `${min} questions`}.`,
  callContactEmail: (given) =>
    given === ''
      ? 'To schedule a call, we also need an e-mail address for communication; none came with your request.'
      : `To schedule a call, we also need an e-mail address for communication; “${given}” does not look like one.`,
  callTool: (given, tools) =>
    `Our calls are held over ${listWith(tools, 'or')}${given ? `; “${given}” is not one of them` : ''}. Please tell us which one suits you.`,
  insteadIntro: 'Here is what you can use instead:',
  channelAlternative(channel, name, hours, answerByEmail) {
    const base = `- ${name} (${hours})`;
    switch (channel) {
      case 'topic':
        return (
          `${base}: open a topic with your question.` +
          (answerByEmail
            ? ' The answer is sent to the e-mail address of your account; if no notification arrives, please look in your Spam folder.'
            : '')
        );
      case 'email':
        return `${base}: support by e-mail.`;
      case 'chat':
        return `${base}: a chat over Skype.`;
      case 'phone':
        return `${base}: a call over Skype or Google Meet.`;
      case 'blog_comment':
        return `${base}.`;
    }
  },
  upgradeAlternative: (plans, forQuota) =>
    forQuota
      ? `- A plan without this limit: ${listWith(plans, 'or')}.`
      : `- A plan that includes it: ${listWith(plans, 'or')}.`,
  communityAlternative: (name, platform, url) =>
    `- The ${platform} group “${name}”, where other users answer questions too: ${url}`,
  closing: 'Choose whichever way suits you best. We are always happy to help!',
  signOff: 'Best regards,',
  plans(kind, names) {
    if (kind === 'every') return 'every plan';
    if (kind === 'paid') return `all paid plans (${names.join(', ')})`;
    return `the ${listWith(names, 'and')} plan${names.length > 1 ? 's' : ''}`;
  },
};

/** The French source names the group "QuintaDB - Communauté"; the rule set keeps the English name. */
const frenchNames: Record<string, string> = { 'QuintaDB - Community': 'QuintaDB - Communauté' };

const fr: Catalogue = {
  greeting: (name) => `Bonjour ${name},`,
  thanks: (subject) => `Merci pour votre message « ${subject} ».`,
  notOnPlan(channel, hours, plans, planName) {
    const subject = {
      topic: `Les sujets (${hours}) sont disponibles`,
      email: `L’assistance par e-mail (${hours}) est disponible`,
      chat: `Le chat Skype (${hours}) est disponible`,
      phone: `L’assistance téléphonique, un appel via Skype ou Google Meet (${hours}), est disponible`,
      blog_comment: 'Les commentaires du blog sont disponibles',
    }[channel];
    return (
      `${subject} sur ${plans}, et votre compte utilise le plan ${planName}\u202f: ` +
      'nous ne pouvons donc pas traiter votre demande par ce moyen.'
    );
  },
  quotaRefused: ({ planName, limit, used, reserved, needed, intake }) =>
    `Avec le plan ${planName}, vous avez accès à ${limit} messages dans les sujets (y compris les questions, ` +
    `les réponses et les commentaires sur les articles de blog). Votre compte en a utilisé ${used}` +
    (reserved === 0
      ? ''
      : reserved === 1
        ? ' et 1 autre est réservé à notre réponse à une autre question en cours'
        : ` et ${reserved} autres sont réservés à nos réponses à d’autres questions en cours`) +
    (intake === 'staff_answer'
      ? '\u202f: nous ne pouvons donc pas vous envoyer notre réponse dans le sujet.'
      : `, et ${
          intake === 'blog_comment'
            ? `un commentaire de blog en demande ${needed}`
            : needed === 2
              ? 'une nouvelle question en demande 2\u202f: la question et sa réponse'
              : `une nouvelle question en demande ${needed}`
        }\u202f; nous ne pouvons donc pas la traiter dans un sujet.`),
  callQuestions: (min) =>
    `Pour programmer l’heure et la date de l’appel, vous devez nous envoyer vos questions à l’avance\u202f: ${min === 1 ? 'au moins une question' : `au moins ${min} questions`}.`,
  callContactEmail: (given) =>
    given === ''
      ? 'Pour programmer l’appel, nous avons aussi besoin d’une adresse e-mail pour la communication\u202f; votre demande n’en contenait pas.'
      : `Pour programmer l’appel, nous avons aussi besoin d’une adresse e-mail pour la communication\u202f; « ${given} » n’en est pas une.`,
  callTool: (given, tools) =>
    `Nos appels se font via ${listWith(tools, 'ou')}${given ? `\u202f; « ${given} » n’en fait pas partie` : ''}. Dites-nous lequel vous convient.`,
  insteadIntro: 'Voici ce que vous pouvez utiliser à la place\u202f:',
  channelAlternative(channel, name, hours, answerByEmail) {
    switch (channel) {
      case 'topic':
        return (
          `- Sujet (disponible ${hours})\u202f: vous pouvez créer un sujet avec votre question.` +
          (answerByEmail
            ? ' Vous recevrez une réponse à l’e-mail que vous avez spécifié dans votre compte (si vous n’avez pas reçu de notification, vérifiez le dossier « Spam » de votre boîte aux lettres).'
            : '')
        );
      case 'email':
        return `- E-mail (${hours})\u202f: assistance par e-mail.`;
      case 'chat':
        return `- Chat (${hours})\u202f: chat Skype.`;
      case 'phone':
        return `- Téléphone (${hours})\u202f: appel via Skype ou Google Meet.`;
      case 'blog_comment':
        return `- ${name} (${hours}).`;
    }
  },
  upgradeAlternative: (plans, forQuota) =>
    forQuota
      ? `- Un plan sans cette limite\u202f: ${listWith(plans, 'ou')}.`
      : `- Un plan qui l’inclut\u202f: ${listWith(plans, 'ou')}.`,
  communityAlternative: (name, platform, url) =>
    `- Le groupe ${platform} « ${frenchNames[name] ?? name} », où vous pouvez demander de l’aide à d’autres utilisateurs\u202f: ${url}`,
  closing:
    'Choisissez n’importe quel moyen pratique pour nous contacter. Nous sommes toujours ravis de vous aider\u202f!',
  signOff: 'Cordialement,',
  plans(kind, names) {
    if (kind === 'every') return 'tous les plans';
    if (kind === 'paid') return `tous les plans payants (${names.join(', ')})`;
    return `${names.length > 1 ? 'les plans' : 'le plan'} ${listWith(names, 'et')}`;
  },
};

const catalogues: Record<DraftLocale, Catalogue> = { en, fr };

function channelHours(rules: RuleSet, channel: ChannelId, locale: DraftLocale): string {
  const spec = rules.channels.find((c) => c.id === channel)?.calendar;
  return spec ? hoursText(spec, locale) : '';
}

function plansPhrase(rules: RuleSet, planIds: readonly string[], c: Catalogue, locale: DraftLocale): string {
  const set = new Set(planIds);
  const names = rules.plans.filter((p) => set.has(p.id)).map((p) => planName(locale, p.id, p.name));
  if (names.length === rules.plans.length) return c.plans('every', names);
  const paid = rules.plans.filter((p) => p.paid);
  if (paid.length === names.length && paid.every((p) => set.has(p.id))) return c.plans('paid', names);
  return c.plans('some', names);
}

const str = (v: string | number | undefined): string => (v === undefined ? '' : String(v));
const num = (v: string | number | undefined, fallback: number): number => {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : fallback;
};

function isChannel(rules: RuleSet, v: string | number | undefined): v is ChannelId {
  return rules.channels.some((c) => c.id === v);
}

/** The sentence that says what the rule is, in the customer's terms. */
function reasonSentence(input: Pick<RuleDraftInput, 'locale' | 'rules' | 'decision'>, c: Catalogue): string {
  const { decision, rules, locale } = input;
  const p = decision.reason.params;
  switch (decision.reason.code) {
    case 'channel.not_on_plan': {
      if (!isChannel(rules, p.channel)) break;
      const channel = rules.channels.find((ch) => ch.id === p.channel);
      return c.notOnPlan(
        p.channel,
        channelHours(rules, p.channel, locale),
        plansPhrase(rules, channel?.plans ?? [], c, locale),
        planName(locale, str(p.plan), str(p.planName)),
      );
    }
    case 'quota.exhausted':
    case 'quota.insufficient':
      return c.quotaRefused({
        planName: planName(locale, str(p.plan), str(p.planName)),
        limit: num(p.limit, rules.quota?.limit ?? 0),
        used: num(p.used, 0),
        reserved: num(p.reserved, 0),
        needed: num(p.needed, 1),
        intake: str(p.intake),
      });
    case 'call.questions_required':
      return c.callQuestions(num(p.min, 1));
    case 'call.contact_email_invalid':
      return c.callContactEmail(str(p.contactEmail));
    case 'call.tool_invalid':
      return c.callTool(
        str(p.tool),
        rules.phone.tools.allowed.map((t) => t.name),
      );
  }
  return decision.reason.text;
}

function alternativeLine(
  input: Pick<RuleDraftInput, 'locale' | 'rules' | 'decision'>,
  alt: Alternative,
  c: Catalogue,
): string {
  const { rules, locale, decision } = input;
  switch (alt.kind) {
    case 'channel': {
      const answerByEmail =
        rules.answerNotice.channels.includes(alt.channel) && rules.answerNotice.spamReminder;
      const hours = channelHours(rules, alt.channel, locale) || alt.hours;
      return c.channelAlternative(alt.channel, alt.name, hours, answerByEmail);
    }
    case 'upgrade':
      return c.upgradeAlternative(
        alt.planIds.map((id, i) => planName(locale, id, alt.planNames[i] ?? id)),
        decision.reason.code.startsWith('quota.'),
      );
    case 'community':
      return c.communityAlternative(alt.name, rules.community.platform, alt.url);
  }
}

/**
 * A refusal in the customer's terms without the letter around it: the rule's sentence, and what to
 * use instead (one line each). The draft below and the website's answer (website.ts) both use it.
 */
export function refusalExplanation(input: Pick<RuleDraftInput, 'locale' | 'rules' | 'decision'>): {
  reason: string;
  insteadIntro: string;
  instead: string[];
} {
  const c = catalogues[input.locale];
  const alternatives = input.decision.alternatives;
  // Every refusal offers the community; one that came without it still gets it, as the rules say.
  const withCommunity: Alternative[] = alternatives.some((a) => a.kind === 'community')
    ? alternatives
    : [
        ...alternatives,
        { kind: 'community', name: input.rules.community.name, url: input.rules.community.url },
      ];
  return {
    reason: reasonSentence(input, c),
    insteadIntro: c.insteadIntro,
    instead: withCommunity.map((alt) => alternativeLine(input, alt, c)),
  };
}

export function composeRuleDraft(input: RuleDraftInput): string {
  const c = catalogues[input.locale];
  const explained = refusalExplanation(input);
  const lines = [
    c.greeting(input.customerName),
    '',
    `${c.thanks(input.subject)} ${explained.reason}`,
    '',
    explained.insteadIntro,
    ...explained.instead,
    '',
    c.closing,
    '',
    c.signOff,
  ];
  if (input.agentName) lines.push(input.agentName);
  return lines.join('\n');
}
