// On a ticket from an unknown sender: who wrote, and finding the customer it is from. Linking is the
// core's decision (tickets.linkCustomer): the rules decide the ticket for that customer's plan.
import { useId, useState } from 'react';
import type { ApiErrorShape, CustomerSummary, TicketDetail } from '../../../shared/contract';
import { ErrorNote } from '../components/ErrorNote';
import { useT } from '../i18n';
import { usePlanName } from '../state/rules';
import { api } from '../transport';

export function LinkCustomer({
  ticket,
  sameSenderUnknown,
}: {
  ticket: TicketDetail['ticket'];
  sameSenderUnknown: TicketDetail['sameSenderUnknown'];
}) {
  const t = useT();
  const planName = usePlanName();
  const id = useId();
  const sender = ticket.sender;
  const address = sender?.email ?? '';
  const [search, setSearch] = useState(address.slice(address.indexOf('@') + 1));
  const [found, setFound] = useState<CustomerSummary[] | null>(null);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const [busy, setBusy] = useState(false);

  async function find() {
    setError(null);
    const result = await api['customers.list']({ search: search.trim() || undefined, limit: 20 });
    if (!result.ok) return setError(result.error);
    setFound(result.value.rows);
  }

  async function link(customerId: number) {
    setBusy(true);
    setError(null);
    // The ticket reloads from the change the link announces.
    const result = await api['tickets.linkCustomer']({ ticketId: ticket.id, customerId });
    setBusy(false);
    if (!result.ok) setError(result.error);
  }

  const who = sender?.name ? `${sender.name} <${address}>` : address;
  return (
    <section className="unknown-customer" aria-labelledby={`${id}-title`} data-unknown-customer="">
      <p id={`${id}-title`}>
        <strong>{t('ticket.unknownCustomer')}</strong> · {t('mailIn.unknown.intro', { sender: who })}
      </p>
      {sameSenderUnknown.length > 0 && (
        <p className="muted" data-same-sender="">
          {t('mailIn.unknown.others', { tickets: sameSenderUnknown.map((n) => `#${n}`).join(', ') })}
        </p>
      )}
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
    </section>
  );
}
