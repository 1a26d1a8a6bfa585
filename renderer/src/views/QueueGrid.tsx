// The queue as a virtualized grid: only the rows in view (plus a few) are in the DOM, so a view of
// 100,000 tickets scrolls like one of fifty. Rows are fetched a page at a time as the end comes into
// view. The grid is one tab stop; the highlighted row is its active descendant, so focus never sits
// on a row that scrolling could remove.
import type { ReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import type { QueueSort, TicketSummary } from '../../../shared/contract';
import { TicketPlanBadge } from '../components/PlanBadge';
import { TimeLeft, useSlaReading } from '../components/TimeLeft';
import { TicketFlags } from '../components/Flags';
import { useT } from '../i18n';
import { markQueueShown } from '../state/boot';
import type { QueueList } from '../state/queueData';
import type { queueFeatures } from './queueColumns';

type QueueTable = ReactTable<typeof queueFeatures, TicketSummary>;

const ROW_HEIGHT = 34;
const COMPACT_ROW_HEIGHT = 66;
/** Start fetching the next page when this close to the end of what is loaded. */
const PREFETCH_ROWS = 40;

// Marked once per page load: the bench reads it to time "queue URL opened → first rows painted".
let firstRowsMarked = false;

interface QueueGridProps {
  table: QueueTable;
  list: QueueList;
  label: string;
  compact: boolean;
  sort: QueueSort;
  zone: string;
  now: number;
  selectedId: number | null;
  openId: number | null;
  onSelect(id: number): void;
  onOpen(id: number, viaKeyboard: boolean): void;
  onLoadMore(): void;
  onSort(field: QueueSort['field']): void;
  onReorder(from: string, to: string): void;
}

export function QueueGrid(props: QueueGridProps) {
  const { table, list, label, compact, selectedId, openId, onSelect, onOpen, onLoadMore } = props;
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  const hasMore = list.nextCursor !== null;
  const count = rows.length + (hasMore ? 1 : 0);
  const rowHeight = compact ? COMPACT_ROW_HEIGHT : ROW_HEIGHT;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 4,
    // The sticky header sits inside the scroll container, above the first row.
    paddingStart: compact ? 0 : ROW_HEIGHT,
    scrollPaddingStart: compact ? 0 : ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.id ?? 'loader',
  });
  useEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);
  const items = virtualizer.getVirtualItems();

  const lastIndex = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (hasMore && lastIndex >= rows.length - PREFETCH_ROWS) onLoadMore();
  }, [hasMore, lastIndex, rows.length, onLoadMore]);

  useLayoutEffect(() => {
    if (!firstRowsMarked && rows.length > 0 && scrollRef.current?.querySelector('[data-ticket-id]')) {
      firstRowsMarked = true;
      performance.mark('queue-first-rows');
      markQueueShown();
    }
  });

  const selectedIndex = selectedId === null ? -1 : rows.findIndex((r) => r.original.id === selectedId);
  // Follow the highlight when it moves (j/k, arrows), not when rows arrive or refresh: the person
  // may be scrolling elsewhere meanwhile.
  const indexRef = useRef(selectedIndex);
  indexRef.current = selectedIndex;
  useEffect(() => {
    if (indexRef.current >= 0) virtualizer.scrollToIndex(indexRef.current, { align: 'auto' });
  }, [selectedId, virtualizer]);

  function moveBy(delta: number) {
    if (rows.length === 0) return;
    const from = selectedIndex < 0 ? (delta > 0 ? -1 : rows.length) : selectedIndex;
    const to = Math.max(0, Math.min(rows.length - 1, from + delta));
    const row = rows[to];
    if (row) onSelect(row.original.id);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 1);
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        moveBy(1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        moveBy(-1);
        break;
      case 'PageDown':
        event.preventDefault();
        moveBy(page);
        break;
      case 'PageUp':
        event.preventDefault();
        moveBy(-page);
        break;
      case 'Home':
        event.preventDefault();
        moveBy(-rows.length);
        break;
      case 'End':
        event.preventDefault();
        moveBy(rows.length);
        break;
      case 'Enter':
        if (selectedId !== null) {
          event.preventDefault();
          onOpen(selectedId, true);
        }
        break;
    }
  }

  const columns = table.getVisibleLeafColumns();
  const template = columns
    .map((c) => (c.columnDef.meta?.grow ? `minmax(${c.getSize()}px, 1fr)` : `${c.getSize()}px`))
    .join(' ');
  const minWidth = compact ? undefined : columns.reduce((sum, c) => sum + c.getSize(), 0);
  const rowStyle = (start: number): CSSProperties => ({
    transform: `translateY(${start}px)`,
    height: rowHeight,
    gridTemplateColumns: compact ? undefined : template,
    minWidth,
  });

  return (
    <div
      id="queue-grid"
      ref={scrollRef}
      role="grid"
      aria-label={label}
      // -1: unknown, also when the store stopped counting at its cap.
      aria-rowcount={list.total === null || list.totalIsAtLeast ? -1 : list.total + (compact ? 0 : 1)}
      aria-colcount={compact ? 1 : columns.length}
      aria-activedescendant={selectedIndex >= 0 ? `queue-row-${selectedId}` : undefined}
      aria-busy={list.loading || undefined}
      tabIndex={0}
      className={compact ? 'grid compact' : 'grid'}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        if (event.target === event.currentTarget && selectedIndex < 0 && rows[0])
          onSelect(rows[0].original.id);
      }}
    >
      {!compact && <GridHeader {...props} template={template} minWidth={minWidth} />}
      <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize(), minWidth }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) {
            return (
              <div key="loader" role="row" className="grid-row loader" style={rowStyle(item.start)}>
                <div role="gridcell" className="grid-cell">
                  {list.moreError ? (
                    <button type="button" tabIndex={-1} onClick={onLoadMore}>
                      {t('queue.loadMoreFailed')}
                    </button>
                  ) : (
                    <span className="muted">{t('queue.loadingMore')}</span>
                  )}
                </div>
              </div>
            );
          }
          const ticket = row.original;
          return (
            <QueueRow
              key={row.id}
              ticket={ticket}
              index={item.index + (compact ? 1 : 2)}
              style={rowStyle(item.start)}
              selected={ticket.id === selectedId}
              open={ticket.id === openId}
              now={props.now}
              onClick={() => {
                onSelect(ticket.id);
                onOpen(ticket.id, false);
              }}
            >
              {compact ? (
                <CompactCell ticket={ticket} zone={props.zone} now={props.now} />
              ) : (
                row.getVisibleCells().map((cell) => (
                  <div key={cell.id} role="gridcell" className={`grid-cell col-${cell.column.id}`}>
                    <table.FlexRender cell={cell} />
                  </div>
                ))
              )}
            </QueueRow>
          );
        })}
      </div>
      {!list.loading && !list.error && rows.length === 0 && list.total !== null && (
        <p className="empty">{t('queue.empty')}</p>
      )}
    </div>
  );
}

interface QueueRowProps {
  ticket: TicketSummary;
  index: number;
  style: CSSProperties;
  selected: boolean;
  open: boolean;
  now: number;
  onClick(): void;
  children: ReactNode;
}

/**
 * One ticket's row. Inside the pre-breach window or past due it is marked as a whole, whichever
 * columns are shown, so the agent sees it while scanning subjects.
 */
function QueueRow({ ticket, index, style, selected, open, now, onClick, children }: QueueRowProps) {
  const { level } = useSlaReading(ticket, now);
  const classes = ['grid-row'];
  if (selected) classes.push('selected');
  if (open) classes.push('open');
  if (level === 'warn' || level === 'danger') classes.push(`sla-row-${level}`);
  return (
    <div
      id={`queue-row-${ticket.id}`}
      role="row"
      aria-rowindex={index}
      aria-selected={selected}
      data-ticket-id={ticket.id}
      data-sla-level={level}
      className={classes.join(' ')}
      style={style}
      onClick={onClick}
    >
      {children}
    </div>
  );
}

function CompactCell({ ticket, zone, now }: { ticket: TicketSummary; zone: string; now: number }) {
  const t = useT();
  return (
    <div role="gridcell" className="grid-cell compact-cell">
      <span className="compact-line compact-subject">{ticket.subject}</span>
      <span className="compact-line muted">
        <span className="compact-channel">{t(`channel.${ticket.channel}`)}</span>
        <span className="compact-customer">{ticket.customerName}</span>
        <TicketPlanBadge compact ticket={ticket} />
      </span>
      <span className="compact-line">
        <TimeLeft ticket={ticket} zone={zone} now={now} />
        <TicketFlags ticket={ticket} />
      </span>
    </div>
  );
}

function GridHeader({
  table,
  sort,
  onSort,
  onReorder,
  template,
  minWidth,
}: QueueGridProps & { template: string; minWidth: number | undefined }) {
  const t = useT();
  const [dragging, setDragging] = useState<string | null>(null);
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  return (
    <div role="rowgroup" className="grid-head">
      <div
        role="row"
        aria-rowindex={1}
        className="grid-row head"
        style={{ gridTemplateColumns: template, minWidth }}
      >
        {headers.map((header) => {
          const meta = header.column.columnDef.meta;
          const field = meta?.sortField;
          const active = field !== undefined && sort.field === field;
          const name = meta ? t(meta.label) : header.column.id;
          return (
            <div
              key={header.id}
              role="columnheader"
              aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
              className={`grid-cell head-cell col-${header.column.id}${dragging === header.column.id ? ' dragging' : ''}`}
              onDragOver={(event) => event.preventDefault()}
              onDrop={(event) => {
                event.preventDefault();
                const from = event.dataTransfer.getData('text/plain');
                if (from && from !== header.column.id) onReorder(from, header.column.id);
                setDragging(null);
              }}
            >
              {/* Only the label drags (to reorder), so a press on the resize handle beside it resizes. */}
              <span
                className="head-label"
                draggable
                title={t('columns.dragHint')}
                onDragStart={(event) => {
                  event.dataTransfer.setData('text/plain', header.column.id);
                  event.dataTransfer.effectAllowed = 'move';
                  setDragging(header.column.id);
                }}
                onDragEnd={() => setDragging(null)}
              >
                {field ? (
                  <button type="button" tabIndex={-1} className="sort-button" onClick={() => onSort(field)}>
                    {name}
                    <span aria-hidden="true" className="sort-mark">
                      {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                ) : (
                  name
                )}
              </span>
              {header.column.getCanResize() && (
                <span
                  className={header.column.getIsResizing() ? 'resize-handle resizing' : 'resize-handle'}
                  aria-hidden="true"
                  title={t('columns.resizeHint')}
                  onMouseDown={header.getResizeHandler()}
                  onTouchStart={header.getResizeHandler()}
                  onDoubleClick={() => header.column.resetSize()}
                  onClick={(event) => event.stopPropagation()}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
