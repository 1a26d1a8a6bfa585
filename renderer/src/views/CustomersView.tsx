import { useEffect, useState } from 'react';
import type { CustomerSummary } from '../../../shared/contract';
import { ErrorNote } from '../components/ErrorNote';
import { ExpressMarker, PlanBadge } from '../components/PlanBadge';
import { useDataChanged } from '../state/live';
import { usePagedList } from '../state/resource';
import { useSelection } from '../state/selection';
import { api } from '../transport';

const PAGE_SIZE = 50;

/** Customers by name, to open one without going through a ticket. */
export function CustomersView() {
  const [input, setInput] = useState('');
  const [search, setSearch] = useState('');
  const selectedId = useSelection((s) => s.customerId);
  const openCustomer = useSelection((s) => s.openCustomer);

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
        <h1 id="customers-title">Customers</h1>
        <p className="count" aria-live="polite">
          {list.total === null ? '' : `${list.rows.length} of ${list.total} customers`}
        </p>
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search customers
          <input
            type="search"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            placeholder="Name, company or e-mail"
            autoComplete="off"
          />
        </label>
        {list.loading && (
          <span className="muted loading" role="status">
            Searching…
          </span>
        )}
      </form>
      {list.error && <ErrorNote error={list.error} onRetry={list.refresh} />}
      <div className="table-wrap">
        <table className="customers-table">
          <caption className="visually-hidden">Customers by name</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Company</th>
              <th scope="col">Plan</th>
              <th scope="col">Topic quota</th>
              <th scope="col">Personal manager</th>
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
                  <PlanBadge planName={c.planName} paid={c.paid} express={c.express} />
                  {c.express && <ExpressMarker />}
                </td>
                <td>
                  {c.quota ? (
                    <span className={c.quota.remaining <= 2 ? 'quota-inline low' : 'quota-inline'}>
                      {c.quota.used} / {c.quota.limit} used
                    </span>
                  ) : (
                    <span className="muted">No quota</span>
                  )}
                </td>
                <td>{c.managerName ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!list.loading && !list.error && list.rows.length === 0 && list.total !== null && (
          <p className="empty">No customers match “{search}”.</p>
        )}
      </div>
      <div className="load-more">
        {list.hasMore && (
          <button type="button" onClick={list.loadMore} disabled={list.loadingMore}>
            {list.loadingMore ? 'Loading…' : 'Load more'}
          </button>
        )}
        {list.moreError && <ErrorNote error={list.moreError} onRetry={list.loadMore} compact />}
      </div>
    </section>
  );
}
