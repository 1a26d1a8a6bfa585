// The queue: the active view's tickets, filtered and sorted by the store, in a virtualized grid.
// When a ticket is open the same rows show as a compact list beside it (split view).
import { useTable, type ColumnSizingState, type SortingState, type Updater } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { QueueColumns, QueueSort } from '../../../shared/contract';
import { ErrorNote } from '../components/ErrorNote';
import { useLang, useT } from '../i18n';
import { useActionStatus } from '../state/actions';
import { useNow } from '../state/clock';
import { focusQueue, focusTicketTitle, useNav } from '../state/nav';
import { emptyList, useQueueData } from '../state/queueData';
import { useSession } from '../state/session';
import { queueKey, useActiveShape, useViews } from '../state/views';
import { QueueGrid } from './QueueGrid';
import { QueueToolbar } from './QueueToolbar';
import {
  columnIds,
  isColumnId,
  queueColumns,
  queueFeatures,
  sortColumns,
  type QueueTableMeta,
} from './queueColumns';
import { useViewName } from './ViewsNav';
import { formatCount, formatCountAtLeast } from '../format/number';

const defaultSort: QueueSort = { field: 'due_at', direction: 'asc' };
const defaultColumns: QueueColumns = { order: [...columnIds], hidden: [], widths: {} };

function apply<T>(updater: Updater<T>, old: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(old) : updater;
}

export function QueueView({ compact }: { compact: boolean }) {
  const t = useT();
  const lang = useLang();
  // Before the sign-in is confirmed (a returning tab paints the frame early) there is no zone yet,
  // and asking the browser for its own loads the time-zone data on the start-up path; no row needs
  // a zone until rows and the signed-in person arrive together.
  const zone = useSession((s) => s.me?.zone) ?? 'UTC';
  const shape = useActiveShape();
  const activeId = useViews((s) => s.activeId);
  const setSort = useViews((s) => s.setSort);
  const setColumns = useViews((s) => s.setColumns);
  const viewName = useViewName(activeId);
  const selectedId = useNav((s) => s.selectedTicketId);
  const openId = useNav((s) => s.openTicketId);
  const select = useNav((s) => s.select);
  const openTicket = useNav((s) => s.openTicket);
  const openCustomer = useNav((s) => s.openCustomer);
  const now = useNow();
  // What a shortcut did to a queue row (a: assign to me), said here, where it was done.
  const action = useActionStatus();

  const key = shape ? queueKey(shape) : null;
  const list = useQueueData((s) => (key ? (s.lists[key] ?? emptyList) : emptyList));
  const ensure = useQueueData((s) => s.ensure);
  const loadMoreRows = useQueueData((s) => s.loadMore);

  useEffect(() => {
    if (shape && key) ensure(key, { filter: shape.filter, sort: shape.sort });
  }, [key, shape, ensure, list.stale, list.loading]);

  const loadMore = useCallback(() => {
    if (shape && key) loadMoreRows(key, { filter: shape.filter, sort: shape.sort });
  }, [shape, key, loadMoreRows]);

  const columns = shape?.columns ?? defaultColumns;
  const columnOrder = useMemo(() => {
    const known = columns.order.filter(isColumnId);
    return [...known, ...columnIds.filter((id) => !known.includes(id))];
  }, [columns.order]);
  const columnVisibility = useMemo(
    () => Object.fromEntries(columnIds.map((id) => [id, !columns.hidden.includes(id)])),
    [columns.hidden],
  );
  // Widths change on every pointer move while resizing; they are kept here and saved with the
  // view when the resize ends.
  const [sizing, setSizing] = useState<ColumnSizingState>(columns.widths);
  const [sizingFor, setSizingFor] = useState(columns.widths);
  if (sizingFor !== columns.widths) {
    setSizingFor(columns.widths);
    setSizing(columns.widths);
  }
  const sort = shape?.sort ?? defaultSort;
  const sorting: SortingState = useMemo(() => {
    const id = sortColumns[sort.field];
    return id ? [{ id, desc: sort.direction === 'desc' }] : [];
  }, [sort.field, sort.direction]);

  const meta: QueueTableMeta = { zone, now, lang, t, openCustomer };

  const table = useTable({
    features: queueFeatures,
    columns: queueColumns,
    data: list.rows,
    getRowId: (row) => String(row.id),
    meta,
    manualSorting: true,
    enableMultiSort: false,
    enableColumnResizing: true,
    columnResizeMode: 'onChange',
    state: { columnOrder, columnVisibility, columnSizing: sizing, sorting },
    onColumnSizingChange: (updater) => setSizing((old) => apply(updater, old)),
    onColumnOrderChange: (updater) => setColumns({ ...columns, order: apply(updater, columnOrder) }),
    onColumnVisibilityChange: (updater) => {
      const next = apply(updater, columnVisibility);
      setColumns({ ...columns, hidden: columnIds.filter((id) => next[id] === false) });
    },
    onSortingChange: (updater) => {
      const next = apply(updater, sorting)[0];
      const field = (Object.keys(sortColumns) as QueueSort['field'][]).find(
        (f) => sortColumns[f] === next?.id,
      );
      if (field && next) setSort({ field, direction: next.desc ? 'desc' : 'asc' });
    },
  });

  const resizing = table.state.columnResizing?.isResizingColumn ?? false;
  useEffect(() => {
    if (resizing) return;
    const rounded = Object.fromEntries(
      Object.entries(sizing).map(([id, w]) => [id, Math.max(40, Math.min(2000, Math.round(w)))]),
    );
    if (JSON.stringify(rounded) !== JSON.stringify(columns.widths))
      setColumns({ ...columns, widths: rounded });
  }, [resizing, sizing, columns, setColumns]);

  const onSort = useCallback(
    (field: QueueSort['field']) =>
      setSort(
        sort.field === field
          ? { field, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
          : // Due soonest first, but newest first for the other time columns: what is usually wanted.
            { field, direction: field === 'due_at' ? 'asc' : 'desc' },
      ),
    [sort, setSort],
  );

  const onReorder = useCallback(
    (from: string, to: string) => {
      const order = columnOrder.filter((id) => id !== from);
      order.splice(order.indexOf(to as (typeof columnIds)[number]), 0, from as (typeof columnIds)[number]);
      setColumns({ ...columns, order });
    },
    [columnOrder, columns, setColumns],
  );

  const onOpen = useCallback(
    (id: number, viaKeyboard: boolean) => {
      openTicket(id);
      if (viaKeyboard) focusTicketTitle();
    },
    [openTicket],
  );

  const countText =
    list.total === null
      ? ''
      : t('queue.count', {
          shown: formatCount(list.rows.length, lang),
          total: formatCountAtLeast(list.total, list.totalIsAtLeast, lang),
        });

  return (
    <section className={compact ? 'queue compact' : 'queue'} aria-labelledby="queue-title">
      <div className="view-header">
        <h1 id="queue-title">{viewName}</h1>
        <p className="count" aria-live="polite">
          {countText}
        </p>
        {list.loading && (
          <span className="muted loading" role="status">
            {t('queue.updating')}
          </span>
        )}
        <span className="action-status" role="status">
          {action.place === 'queue' && action.message}
        </span>
      </div>
      {action.place === 'queue' && action.error && <ErrorNote error={action.error} compact />}
      {!compact && <QueueToolbar table={table} onSort={onSort} />}
      {list.error && (
        <ErrorNote
          error={list.error}
          onRetry={() => key && shape && useQueueData.getState().refresh(key, shape)}
        />
      )}
      <QueueGrid
        table={table}
        list={list}
        label={t('queue.gridLabel', { view: viewName })}
        compact={compact}
        sort={sort}
        zone={zone}
        now={now}
        selectedId={selectedId}
        openId={openId}
        onSelect={select}
        onOpen={onOpen}
        onLoadMore={loadMore}
        onSort={onSort}
        onReorder={onReorder}
      />
    </section>
  );
}

export { focusQueue };
