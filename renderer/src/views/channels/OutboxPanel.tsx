// The lead's outbox: every customer e-mail, newest first, filtered by delivery state, with retry and
// cancel where the core allows them (it refuses the rest with a reason, shown as is).
import { useId, useState } from 'react';
import type { ApiErrorShape, OutboxItem, OutboxState } from '../../../../shared/contract';
import { outboxStates } from '../../../../shared/vocabulary';
import { ErrorNote } from '../../components/ErrorNote';
import { formatFull, systemZone } from '../../format/time';
import { useLang, useT } from '../../i18n';
import { useDataChanged } from '../../state/live';
import { useResource } from '../../state/resource';
import { useSession } from '../../state/session';
import { api } from '../../transport';
import { DeliveryState, deliveryKey } from './delivery';

const PAGE = 50;

export function OutboxPanel() {
  const t = useT();
  const id = useId();
  const [state, setState] = useState<OutboxState | 'all'>('all');
  const [limit, setLimit] = useState(PAGE);
  const list = useResource(`outbox.list:${state}:${limit}`, () =>
    api['outbox.list']({ ...(state === 'all' ? {} : { state }), limit }),
  );
  useDataChanged(
    (change) => change.topics.includes('outbox') || change.topics.includes('settings'),
    list.reload,
  );
  const data = list.data;
  const total = data ? Object.values(data.counts).reduce((a, b) => a + b, 0) : 0;
  const shown = data ? (state === 'all' ? total : data.counts[state]) : 0;

  return (
    <section className="outbox-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('outbox.title')}</h2>
      <p className="muted">{t('outbox.intro')}</p>
      {data && !data.configured && (
        <p className="outbox-warning" role="status">
          {t('outbox.notConfigured')}
        </p>
      )}
      <p>
        <label htmlFor={`${id}-filter`}>{t('outbox.filter')}</label>{' '}
        <select
          id={`${id}-filter`}
          value={state}
          onChange={(e) => {
            setState(e.target.value as OutboxState | 'all');
            setLimit(PAGE);
          }}
        >
          <option value="all">{t('outbox.all', { count: total })}</option>
          {outboxStates.map((s) => (
            <option key={s} value={s}>
              {t('outbox.stateCount', { state: t(deliveryKey(s)), count: data?.counts[s] ?? 0 })}
            </option>
          ))}
        </select>
      </p>
      {list.error && <ErrorNote error={list.error} onRetry={list.reload} />}
      {data && data.items.length === 0 && <p>{t('outbox.empty')}</p>}
      {data && data.items.length > 0 && (
        <table className="outbox-table">
          <thead>
            <tr>
              <th scope="col">{t('outbox.col.created')}</th>
              <th scope="col">{t('outbox.col.to')}</th>
              <th scope="col">{t('outbox.col.subject')}</th>
              <th scope="col">{t('outbox.col.state')}</th>
              <th scope="col">{t('outbox.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => (
              <OutboxRow key={item.id} item={item} />
            ))}
          </tbody>
        </table>
      )}
      {data && data.items.length < shown && limit < 200 && (
        <button type="button" onClick={() => setLimit((l) => Math.min(200, l + PAGE))}>
          {t('outbox.more')}
        </button>
      )}
    </section>
  );
}

function OutboxRow({ item }: { item: OutboxItem }) {
  const t = useT();
  const lang = useLang();
  const zone = useSession((s) => s.me?.zone) ?? systemZone();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);

  async function act(method: 'outbox.retry' | 'outbox.cancel') {
    setBusy(true);
    setError(null);
    const result = await api[method]({ id: item.id });
    setBusy(false);
    if (!result.ok) setError(result.error);
  }

  return (
    <tr data-outbox-id={item.id} data-state={item.state}>
      <td>{formatFull(item.createdAt, zone, lang)}</td>
      <td>
        {item.customerName}
        <br />
        <span className="muted small">{item.toEmail}</span>
      </td>
      <td>
        {item.subject}
        {item.ticketId !== null && (
          <>
            <br />
            <span className="muted small">{t('outbox.ticket', { id: item.ticketId })}</span>
          </>
        )}
      </td>
      <td>
        <DeliveryState facts={item} zone={zone} />
      </td>
      <td className="outbox-actions">
        {item.canRetry && (
          <button
            type="button"
            className="small-button"
            disabled={busy}
            aria-label={t('outbox.retryLabel', { to: item.toEmail })}
            onClick={() => void act('outbox.retry')}
          >
            {t('outbox.retry')}
          </button>
        )}{' '}
        {item.canCancel && (
          <button
            type="button"
            className="small-button"
            disabled={busy}
            aria-label={t('outbox.cancelLabel', { to: item.toEmail })}
            onClick={() => void act('outbox.cancel')}
          >
            {t('outbox.cancel')}
          </button>
        )}
        {error && <ErrorNote error={error} compact context={t('outbox.notChanged')} />}
      </td>
    </tr>
  );
}
