// The customer-facing e-mails the console queues in the outbox. Their wording is the rule's own
// reason, so what the customer reads is what the agent sees.
import type { DraftLocale, MessageDelivery } from '../../../shared/contract';
import type { Decision } from '../../../shared/domain';
import type { WriteScope } from '../api/context';
import type { RuleSet } from '../rules';
import { refusalExplanation } from '../i18n/drafts';
import { newMessageId } from '../channels/message-id';
import type { CustomerRow, OutboxTable } from '../store/schema';
import { DELIVERY_COLUMNS, deliveryOf } from './outbox';

export interface Notice {
  subject: string;
  body: string;
}

/**
 * The refusal e-mailed to the customer. In English the rule's own sentence; in another language
 * (a website post says which) the customer's words for the rule and the alternatives, the same ones
 * the website shows under the post and an agent's "Answer with the rule" uses.
 */
export function refusalNotice(
  rules: RuleSet,
  subject: string,
  decision: Decision,
  locale: DraftLocale = 'en',
): Notice {
  if (locale === 'fr') {
    const explained = refusalExplanation({ locale, rules, decision });
    const lines = [explained.reason, '', explained.insteadIntro, ...explained.instead.map((l) => `- ${l}`)];
    lines.push('', `— ${rules.name}`);
    return { subject: `À propos de votre demande\u202f: ${subject}`, body: lines.join('\n') };
  }
  const lines = [decision.reason.text, ''];
  const alternatives = decision.alternatives;
  if (alternatives.length > 0) lines.push('What you can use instead:');
  for (const alt of alternatives) {
    if (alt.kind === 'channel') lines.push(`- ${alt.name} (${alt.hours})`);
    else if (alt.kind === 'upgrade') lines.push(`- A plan that includes it: ${alt.planNames.join(', ')}`);
    else lines.push(`- The ${alt.name} group: ${alt.url}`);
  }
  lines.push('', `— ${rules.name}`);
  return { subject: `About your request: ${subject}`, body: lines.join('\n') };
}

export function answerNotice(rules: RuleSet, subject: string, answer: string): Notice {
  const lines = [`There is a new answer to your topic "${subject}":`, '', answer, ''];
  if (rules.answerNotice.spamReminder) {
    lines.push('If you did not receive a notification for an answer, please look in your Spam folder.');
  }
  return { subject: `New answer: ${subject}`, body: lines.join('\n') };
}

/**
 * Queues one customer e-mail in the outbox, with its audit entry, inside the caller's write. Returns
 * its delivery as the ticket shows it (the message it announces carries it).
 */
export async function queueNotice(
  w: WriteScope,
  options: {
    at: number;
    /** Who it goes to: a customer, or an unknown sender (no customer id) by their address. */
    customer: Pick<CustomerRow, 'account_email'> & { id: number | null };
    ticketId: number;
    kind: OutboxTable['kind'];
    notice: Notice;
    /** The ticket message the mail announces, so the ticket shows its delivery. */
    sourceMessageId?: number | null;
  },
): Promise<MessageDelivery> {
  const values = {
    created_at: options.at,
    customer_id: options.customer.id,
    ticket_id: options.ticketId,
    to_email: options.customer.account_email,
    kind: options.kind,
    subject: options.notice.subject,
    body: options.notice.body,
    attachment: null,
    status: 'pending' as const,
    message_id: newMessageId(),
    source_message_id: options.sourceMessageId ?? null,
  };
  const row = await w.db
    .insertInto('outbox')
    .values(values)
    .returning(DELIVERY_COLUMNS)
    .executeTakeFirstOrThrow();
  await w.audit({ entity: 'outbox', entityId: row.id, before: null, after: { id: row.id, ...values } });
  // Wakes the delivery worker (channels/mail-out/) and the lead's outbox view.
  w.changed({ topics: ['outbox'] });
  return deliveryOf(row);
}
