import { useTable } from '@tanstack/react-table';
import { useCallback, useMemo } from 'react';
import type { TicketSummary } from '../../../shared/contract';
import { channelIds, ticketStatuses, type ChannelId } from '../../../shared/domain';
import { ErrorNote } from '../components/ErrorNote';
import { channelLabels, statusLabels } from '../format/labels';
import { systemZone, zoneLabel } from '../format/time';
import { useDataChanged } from '../state/live';
import { toQueueFilter, useQueueState, type StatusFilter } from '../state/queue';
import { useNow, usePagedList } from '../state/resource';
import { useRules } from '../state/rules';
import { useSelection } from '../state/selection';
import { useSession } from '../state/session';
import { api } from '../transport';
import { queueColumns, queueFeatures, type QueueTableMeta } from './queueColumns';

const PAGE_SIZE = 50;
const QUEUE_TOPICS = new Set(['tickets', 'messages', 'assignments', 'customers']);

export function QueueView() {
  const { channel, status, refusedOnly, sort, setChannel, setStatus, setRefusedOnly, toggleSort } =
    useQueueState();
  const zone = useSession((s) => s.me?.zone) ?? systemZone();
  const rules = useRules((s) => s.rules);
  const selectedCustomerId = useSelection((s) => s.customerId);
  const openCustomer = useSelection((s) => s.openCustomer);
  const now = useNow();

  const filter = useMemo(
    () => toQueueFilter({ channel, status, refusedOnly }),
    [channel, status, refusedOnly],
  );
  const key = JSON.stringify({ filter, sort });
  const list = usePagedList<TicketSummary>(
    key,
    (cursor, limit) => api['queue.list']({ filter, sort, cursor, limit }),
    PAGE_SIZE,
  );
  useDataChanged((change) => change.topics.some((t) => QUEUE_TOPICS.has(t)), list.refresh);

  const open = useCallback((id: number, from: HTMLElement) => openCustomer(id, from), [openCustomer]);
  const meta: QueueTableMeta = { zone, now, rules, selectedCustomerId, openCustomer: open };
  const table = useTable({
    features: queueFeatures,
    columns: queueColumns,
    data: list.rows,
    getRowId: (row) => String(row.id),
    meta,
  });

  const sortLabel = sort.field === 'due_at' ? 'due time' : sort.field === 'created_at' ? 'age' : sort.field;
  return (
    <section className="queue" aria-labelledby="queue-title">
      <div className="view-header">
        <h1 id="queue-title">Queue</h1>
        <p className="count" aria-live="polite">
          {list.total === null ? '' : `${list.rows.length} of ${list.total} tickets`}
        </p>
      </div>
      <div className="filters" role="group" aria-label="Filter the queue">
        <label>
          Channel
          <select value={channel} onChange={(e) => setChannel(e.target.value as ChannelId | 'all')}>
            <option value="all">All channels</option>
            {channelIds.map((id) => (
              <option key={id} value={id}>
                {channelLabels[id]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
            <option value="active">Needs work (new, open, waiting)</option>
            <option value="all">Any status</option>
            {ticketStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={refusedOnly} onChange={(e) => setRefusedOnly(e.target.checked)} />
          Refused at intake only
        </label>
        {list.loading && (
          <span className="muted loading" role="status">
            Updating…
          </span>
        )}
      </div>
      {list.error && <ErrorNote error={list.error} onRetry={list.refresh} />}
      <div className="table-wrap" hidden={list.error !== null && list.rows.length === 0}>
        <table className="queue-table">
          <caption className="visually-hidden">
            Tickets, sorted by {sortLabel} ({sort.direction === 'asc' ? 'ascending' : 'descending'}). Times in{' '}
            {zone}.
          </caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const columnMeta = header.column.columnDef.meta;
                  const field = columnMeta?.sortField;
                  const active = field !== undefined && sort.field === field;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={columnMeta?.className}
                      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                    >
                      {field ? (
                        <button type="button" className="sort-button" onClick={() => toggleSort(field)}>
                          <table.FlexRender header={header} />
                          {header.column.id === 'due' && (
                            <span className="zone-hint"> ({zoneLabel(zone, now)})</span>
                          )}
                          <span aria-hidden="true" className="sort-mark">
                            {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                data-ticket-id={row.original.id}
                className={row.original.customerId === selectedCustomerId ? 'selected' : undefined}
              >
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={cell.column.columnDef.meta?.className}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {!list.loading && !list.error && list.rows.length === 0 && list.total !== null && (
          <p className="empty">No tickets match these filters.</p>
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
