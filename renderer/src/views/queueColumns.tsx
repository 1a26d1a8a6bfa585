// The queue's columns. Rendering context that is not in the row (the viewer's zone, the clock, the
// language) comes through the table's meta so the column list itself stays static, as Table v9
// needs for stable row models.
import {
  columnOrderingFeature,
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import type { QueueSort, TicketSummary } from '../../../shared/contract';
import { TicketFlags } from '../components/Flags';
import { TicketPlanBadge } from '../components/PlanBadge';
import { TimeLeft } from '../components/TimeLeft';
import { formatAge, formatFull } from '../format/time';
import type { Lang, MessageKey, Translate } from '../i18n';

export interface QueueTableMeta {
  zone: string;
  now: number;
  lang: Lang;
  t: Translate;
  openCustomer(id: number, from: HTMLElement): void;
}

export interface QueueColumnMeta {
  /** The store's sort field this column's header sorts by. */
  sortField?: QueueSort['field'];
  /** The i18n key of the column's name. */
  label: MessageKey;
  /** The column takes the remaining width. */
  grow?: boolean;
}

export const queueFeatures = tableFeatures({
  columnSizingFeature,
  columnResizingFeature,
  columnVisibilityFeature,
  columnOrderingFeature,
  rowSortingFeature,
  tableMeta: {} as QueueTableMeta,
  columnMeta: {} as QueueColumnMeta,
});

const col = createColumnHelper<typeof queueFeatures, TicketSummary>();

export const queueColumns = col.columns([
  col.accessor('channel', {
    id: 'channel',
    size: 88,
    minSize: 64,
    enableSorting: false,
    meta: { label: 'col.channel' },
    header: (ctx) => ctx.table.options.meta?.t('col.channel'),
    cell: (info) => {
      const t = info.table.options.meta?.t;
      const channel = info.getValue();
      // The column is narrow by design (dense rows); the one long name gets its short form there,
      // with the full name on hover and for screen readers.
      if (channel !== 'blog_comment' || !t) return t?.(`channel.${channel}`);
      return (
        <span title={t('channel.blog_comment')}>
          <span aria-hidden="true">{t('channel.blog_comment.short')}</span>
          <span className="visually-hidden">{t('channel.blog_comment')}</span>
        </span>
      );
    },
  }),
  col.accessor('subject', {
    id: 'subject',
    size: 230,
    minSize: 120,
    enableSorting: false,
    meta: { label: 'col.subject', grow: true },
    header: (ctx) => ctx.table.options.meta?.t('col.subject'),
    cell: (info) => {
      const priority = info.row.original.priority;
      const t = info.table.options.meta?.t;
      return (
        <>
          {(priority === 'high' || priority === 'urgent') && t && (
            <span className={`priority priority-${priority}`}>{t(`priority.${priority}`)}</span>
          )}
          <span className="subject-text">{info.getValue()}</span>
        </>
      );
    },
  }),
  col.accessor('customerName', {
    id: 'customer',
    size: 200,
    minSize: 120,
    enableSorting: false,
    meta: { label: 'col.customer' },
    header: (ctx) => ctx.table.options.meta?.t('col.customer'),
    cell: (info) => {
      const t = info.row.original;
      const meta = info.table.options.meta;
      return (
        <span className="customer-cell">
          {t.customerId === null ? (
            // An unknown sender: no customer to open yet, only who wrote.
            <span className="sender-name">{info.getValue()}</span>
          ) : (
            <button
              type="button"
              className="link-button"
              // One tab stop for the whole grid: rows are reached with j/k, customers from the ticket.
              tabIndex={-1}
              onClick={(event) => {
                event.stopPropagation();
                if (t.customerId !== null) meta?.openCustomer(t.customerId, event.currentTarget);
              }}
            >
              {info.getValue()}
            </button>
          )}
          <TicketPlanBadge compact ticket={t} />
        </span>
      );
    },
  }),
  col.accessor('status', {
    id: 'status',
    size: 104,
    minSize: 80,
    enableSorting: false,
    meta: { label: 'col.status' },
    header: (ctx) => ctx.table.options.meta?.t('col.status'),
    cell: (info) => (
      <span className={`status status-${info.getValue()}`}>
        {info.table.options.meta?.t(`status.${info.getValue()}`)}
      </span>
    ),
  }),
  col.accessor('assigneeName', {
    id: 'assignee',
    size: 116,
    minSize: 80,
    enableSorting: false,
    meta: { label: 'col.assignee' },
    header: (ctx) => ctx.table.options.meta?.t('col.assignee'),
    cell: (info) =>
      info.getValue() ?? <span className="muted">{info.table.options.meta?.t('ticket.unassigned')}</span>,
  }),
  col.accessor('createdAt', {
    id: 'age',
    size: 66,
    minSize: 50,
    sortDescFirst: false,
    meta: { label: 'col.age', sortField: 'created_at' },
    header: (ctx) => ctx.table.options.meta?.t('col.age'),
    cell: (info) => {
      const meta = info.table.options.meta;
      if (!meta) return null;
      const received = info.getValue();
      return (
        <span
          // Formatted on hover only: a full date per row would cost more than the whole row.
          onMouseEnter={(event) => {
            event.currentTarget.title = meta.t('ticket.received', {
              at: formatFull(received, meta.zone, meta.lang),
            });
          }}
        >
          {formatAge(received, meta.t, meta.now)}
        </span>
      );
    },
  }),
  col.accessor('dueAt', {
    id: 'sla',
    size: 250,
    minSize: 120,
    meta: { label: 'col.sla', sortField: 'due_at' },
    header: (ctx) => ctx.table.options.meta?.t('col.sla'),
    cell: (info) => {
      const meta = info.table.options.meta;
      return <TimeLeft ticket={info.row.original} zone={meta?.zone ?? 'UTC'} now={meta?.now ?? Date.now()} />;
    },
  }),
  col.display({
    id: 'flags',
    size: 140,
    minSize: 80,
    meta: { label: 'col.flags' },
    header: (ctx) => ctx.table.options.meta?.t('col.flags'),
    cell: (info) => <TicketFlags ticket={info.row.original} />,
  }),
]);

export const columnIds = [
  'channel',
  'subject',
  'customer',
  'status',
  'assignee',
  'age',
  'sla',
  'flags',
] as const;
export type ColumnId = (typeof columnIds)[number];

export function isColumnId(id: string): id is ColumnId {
  return (columnIds as readonly string[]).includes(id);
}

export const columnLabels: Record<ColumnId, MessageKey> = {
  channel: 'col.channel',
  subject: 'col.subject',
  customer: 'col.customer',
  status: 'col.status',
  assignee: 'col.assignee',
  age: 'col.age',
  sla: 'col.sla',
  flags: 'col.flags',
};

/** Which column sorts by which store field. */
export const sortColumns: Partial<Record<QueueSort['field'], ColumnId>> = {
  created_at: 'age',
  due_at: 'sla',
};
