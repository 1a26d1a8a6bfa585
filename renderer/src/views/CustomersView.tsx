import { useEffect, useState } from 'react';
import type { CustomerSummary } from '../../../shared/contract';
import { ErrorNote } from '../components/ErrorNote';
import { ExpressMarker, PlanBadge } from '../components/PlanBadge';
import { QuotaInline } from '../components/QuotaMeter';
import { useLang, useT } from '../i18n';
import { useDataChanged } from '../state/live';
import { useNav } from '../state/nav';
import { usePagedList } from '../state/resource';
import { api } from '../transport';
import { formatCount } from '../format/number';

const PAGE_SIZE = 50;

/** Customers by name, to open one without going through a ticket. */
export function CustomersView() {
  const t = useT();
  const lang = useLang();
  const [input, setInput] = useState('');
  const [search, setSearch] = useState('');
  const selectedId = useNav((s) => s.customerId);
  const openCustomer = useNav((s) => s.openCustomer);

  // Wait for a pause in typing: one request per search, not per key.
  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(input.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [input]);

  const list = usePagedList<CustomerSummary>(
    `customers:${search}`,
    (cursor, limit) => api['customers.list']({ search: search || undefined, cursor, limit }),
    PAGE_SIZE,
  );
  useDataChanged(
    (change) => change.topics.includes('customers') || change.topics.includes('messages'),
    list.refresh,
  );

  return (
    <section className="customers" aria-labelledby="customers-title">
      <div className="view-header">
        <h1 id="customers-title">{t('customers.title')}</h1>
        <p className="count" aria-live="polite">
          {list.total === null
            ? ''
            : t('customers.count', {
                shown: formatCount(list.rows.length, lang),
                total: formatCount(list.total, lang),
              })}
        </p>
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('customers.search')}
          <input
            type="search"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            placeholder={t('customers.searchPlaceholder')}
            autoComplete="off"
          />
        </label>
        {list.loading && (
          <span className="muted loading" role="status">
            {t('customers.searching')}
          </span>
        )}
      </form>
      {list.error && <ErrorNote error={list.error} onRetry={list.refresh} />}
      <div className="table-wrap">
        <table className="customers-table">
          <caption className="visually-hidden">{t('customers.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('customers.name')}</th>
              <th scope="col">{t('customers.company')}</th>
              <th scope="col">{t('customers.plan')}</th>
              <th scope="col">{t('customers.quota')}</th>
              <th scope="col">{t('customer.manager')}</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((c) => (
              <tr key={c.id} className={c.id === selectedId ? 'selected' : undefined}>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-pressed={c.id === selectedId}
                    onClick={(e) => openCustomer(c.id, e.currentTarget)}
                  >
                    {c.name}
                  </button>
                  <span className="muted small block">{c.accountEmail}</span>
                </td>
                <td>{c.company ?? <span className="muted">—</span>}</td>
                <td>
                  <PlanBadge planId={c.planId} planName={c.planName} paid={c.paid} express={c.express} />
                  {c.express && <ExpressMarker />}
                </td>
                <td>
                  {c.quota ? (
                    <QuotaInline quota={c.quota} />
                  ) : (
                    <span className="muted">{t('customers.noQuota')}</span>
                  )}
                </td>
                <td>{c.managerName ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!list.loading && !list.error && list.rows.length === 0 && list.total !== null && (
          <p className="empty">{t('customers.none', { search })}</p>
        )}
      </div>
      <div className="load-more">
        {list.hasMore && (
          <button type="button" onClick={list.loadMore} disabled={list.loadingMore}>
            {list.loadingMore ? t('queue.loadingMore') : t('customers.loadMore')}
          </button>
        )}
        {list.moreError && <ErrorNote error={list.moreError} onRetry={list.loadMore} compact />}
      </div>
    </section>
  );
}
