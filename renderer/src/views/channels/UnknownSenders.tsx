// Mails from addresses no customer has: staff pick the customer, the core decides the ticket.
import { useId, useState } from 'react';
import type { ApiErrorShape, CustomerSummary } from '../../../../shared/contract';
import type { UnknownSenderMail } from '../../../../shared/mail-in';
import { ErrorNote } from '../../components/ErrorNote';
import { formatFull, systemZone } from '../../format/time';
import { useLang, useT } from '../../i18n';
import { useDataChanged } from '../../state/live';
import { usePlanName } from '../../state/rules';
import { useResource } from '../../state/resource';
import { useSession } from '../../state/session';
import { api } from '../../transport';
import { AttachmentList } from './Attachments';

export function UnknownSenders() {
  const t = useT();
  const list = useResource('mail.unknown', () => api['mail.unknown.list']({}));
  useDataChanged((c) => c.topics.includes('settings') || c.topics.includes('tickets'), list.reload);
  return (
    <section className="unknown-senders" aria-labelledby="unknown-senders-title">
      <h3 id="unknown-senders-title">{t('mailIn.unknown.title')}</h3>
      <p className="muted">{t('mailIn.unknown.intro')}</p>
      {list.error && <ErrorNote error={list.error} onRetry={list.reload} />}
      {list.data?.length === 0 && <p className="muted">{t('mailIn.unknown.none')}</p>}
      <ul className="unknown-list">
        {list.data?.map((mail) => (
          <UnknownMail key={mail.id} mail={mail} onLinked={list.reload} />
        ))}
      </ul>
    </section>
  );
}

function UnknownMail({ mail, onLinked }: { mail: UnknownSenderMail; onLinked(): void }) {
  const t = useT();
  const planName = usePlanName();
  const lang = useLang();
  const id = useId();
  const zone = useSession((x) => x.me?.zone) ?? systemZone();
  const [search, setSearch] = useState(mail.from ?? '');
  const [found, setFound] = useState<CustomerSummary[] | null>(null);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const [busy, setBusy] = useState(false);

  async function find() {
    setError(null);
    const domain = search.includes('@') ? search.slice(search.indexOf('@') + 1) : search;
    const result = await api['customers.list']({ search: domain.trim() || undefined, limit: 20 });
    if (!result.ok) return setError(result.error);
    setFound(result.value.rows);
  }

  async function link(customerId: number) {
    setBusy(true);
    setError(null);
    const result = await api['mail.unknown.link']({ inboundId: mail.id, customerId });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onLinked();
  }

  return (
    <li className="unknown-mail" data-inbound-id={mail.id}>
      <p className="message-head">
        <strong>
          {mail.fromName ? `${mail.fromName} <${mail.from ?? ''}>` : (mail.from ?? t('mailIn.noSender'))}
        </strong>{' '}
        <span className="muted">{formatFull(mail.receivedAt, zone, lang)}</span>
      </p>
      <p className="unknown-subject">{mail.subject || t('mailIn.noSubject')}</p>
      <div className="message-body">{mail.body}</div>
      <AttachmentList attachments={mail.attachments} />
      <form
        className="unknown-link"
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <label htmlFor={`${id}-search`}>{t('mailIn.unknown.findCustomer')}</label>{' '}
        <input id={`${id}-search`} value={search} onChange={(e) => setSearch(e.target.value)} />{' '}
        <button type="submit">{t('mailIn.unknown.find')}</button>
      </form>
      {found?.length === 0 && <p className="muted">{t('mailIn.unknown.noMatch')}</p>}
      {found && found.length > 0 && (
        <ul className="unknown-matches" aria-label={t('mailIn.unknown.matches')}>
          {found.map((c) => (
            <li key={c.id}>
              {c.name} · {c.accountEmail} · {planName(c.planId, c.planName)}{' '}
              <button type="button" disabled={busy} onClick={() => void link(c.id)}>
                {t('mailIn.unknown.link', { name: c.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <ErrorNote error={error} compact />}
    </li>
  );
}
