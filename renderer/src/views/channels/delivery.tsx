// How a mail's delivery reads: its state, and the why and when the core gave (never decided here).
import type { MailError, OutboxState } from '../../../../shared/contract';
import { formatFull } from '../../format/time';
import { useLang, useT, type MessageKey } from '../../i18n';

export interface DeliveryFacts {
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number | null;
  handedAt: number | null;
  lastError: MailError | null;
}

export function deliveryKey(state: OutboxState): MessageKey {
  return `delivery.${state}`;
}

export function DeliveryState({
  facts,
  zone,
  detail = true,
}: {
  facts: DeliveryFacts;
  zone: string;
  detail?: boolean;
}) {
  const t = useT();
  const lang = useLang();
  const notes: string[] = [];
  if (facts.state === 'sent' && facts.handedAt !== null) {
    notes.push(t('delivery.sentAt', { time: formatFull(facts.handedAt, zone, lang) }));
  }
  if (facts.state === 'failed' && facts.nextAttemptAt !== null) {
    notes.push(
      t('delivery.nextTry', { attempts: facts.attempts, time: formatFull(facts.nextAttemptAt, zone, lang) }),
    );
  }
  if (facts.state === 'needs_attention' && facts.attempts > 0) {
    notes.push(t('delivery.attempts', { attempts: facts.attempts }));
  }
  const showError = facts.lastError !== null && facts.state !== 'sent' && facts.state !== 'queued';
  return (
    <span className={`delivery delivery-${facts.state}`} data-delivery={facts.state}>
      <span className="delivery-state">{t(deliveryKey(facts.state))}</span>
      {detail && notes.length > 0 && <span className="delivery-note"> · {notes.join(' · ')}</span>}
      {detail && showError && facts.lastError && (
        <span className="delivery-error">
          {' '}
          · {t(`mailError.${facts.lastError.code}`)}{' '}
          <span className="muted">{t('outbox.serverSaid', { text: facts.lastError.detail })}</span>
        </span>
      )}
    </span>
  );
}
