// The queue's columns. Rendering context that is not in the row (the viewer's zone, the clock,
// channel hours) comes through the table's meta so the column list itself stays static.
import { createColumnHelper, tableFeatures } from '@tanstack/react-table';
import type { MouseEvent } from 'react';
import type { RuleSetSummary, TicketSummary } from '../../../shared/contract';
import { DateTimeText } from '../components/DateTimeText';
import { PlanBadge } from '../components/PlanBadge';
import { Tooltip } from '../components/Tooltip';
import { channelLabels, statusLabels } from '../format/labels';
import { formatAge, formatDueIn, formatFull, hoursAreGmt } from '../format/time';
import { channelHours } from '../state/rules';
import type { SortField } from '../state/queue';

export interface QueueTableMeta {
  zone: string;
  now: number;
  rules: RuleSetSummary | null;
  selectedCustomerId: number | null;
  openCustomer(id: number, from: HTMLElement): void;
}

export interface QueueColumnMeta {
  /** The server-side sort this column's header toggles. */
  sortField?: SortField;
  className?: string;
}

export const queueFeatures = tableFeatures({
  tableMeta: {} as QueueTableMeta,
  columnMeta: {} as QueueColumnMeta,
});

const col = createColumnHelper<typeof queueFeatures, TicketSummary>();

export const queueColumns = col.columns([
  col.accessor('channel', {
    header: 'Channel',
    meta: { className: 'col-channel' },
    cell: (info) => channelLabels[info.getValue()],
  }),
  col.accessor('subject', {
    header: 'Subject',
    meta: { className: 'col-subject' },
    cell: (info) => {
      const priority = info.row.original.priority;
      return (
        <>
          {(priority === 'high' || priority === 'urgent') && (
            <span className={`priority priority-${priority}`}>
              {priority === 'urgent' ? 'Urgent' : 'High'}
            </span>
          )}
          <span className="subject-text">{info.getValue()}</span>
        </>
      );
    },
  }),
  col.accessor('customerName', {
    id: 'customer',
    header: 'Customer',
    meta: { className: 'col-customer' },
    cell: (info) => {
      const t = info.row.original;
      const meta = info.table.options.meta;
      return (
        <span className="customer-cell">
          <button
            type="button"
            className="link-button"
            aria-pressed={meta?.selectedCustomerId === t.customerId}
            onClick={(event: MouseEvent<HTMLButtonElement>) =>
              meta?.openCustomer(t.customerId, event.currentTarget)
            }
          >
            {info.getValue()}
          </button>
          <PlanBadge
            planName={t.planName}
            paid={planIsPaid(meta?.rules ?? null, t.planId)}
            express={t.express}
          />
        </span>
      );
    },
  }),
  col.accessor('status', {
    header: 'Status',
    meta: { className: 'col-status' },
    cell: (info) => (
      <span className={`status status-${info.getValue()}`}>{statusLabels[info.getValue()]}</span>
    ),
  }),
  col.accessor('assigneeName', {
    id: 'assignee',
    header: 'Assignee',
    meta: { className: 'col-assignee' },
    cell: (info) => info.getValue() ?? <span className="muted">Unassigned</span>,
  }),
  col.accessor('createdAt', {
    id: 'age',
    header: 'Age',
    meta: { sortField: 'created_at', className: 'col-age' },
    cell: (info) => {
      const meta = info.table.options.meta;
      const zone = meta?.zone ?? 'UTC';
      return (
        <span title={`Received ${formatFull(info.getValue(), zone)}`}>
          {formatAge(info.getValue(), meta?.now)}
        </span>
      );
    },
  }),
  col.accessor('dueAt', {
    id: 'due',
    header: 'Due',
    meta: { sortField: 'due_at', className: 'col-due' },
    cell: (info) => {
      const due = info.getValue();
      const meta = info.table.options.meta;
      const t = info.row.original;
      if (due === null) {
        return <span className="muted">{t.status === 'waiting_customer' ? 'Paused' : '—'}</span>;
      }
      const now = meta?.now ?? Date.now();
      const gmt = hoursAreGmt(channelHours(meta?.rules ?? null, t.channel));
      const overdue = due < now && t.firstResponseAt === null;
      return (
        <span className={overdue ? 'due overdue' : 'due'}>
          <DateTimeText ms={due} zone={meta?.zone ?? 'UTC'} withGmt={gmt} now={now} />
          <span className="due-in">{t.firstResponseAt !== null ? 'Responded' : formatDueIn(due, now)}</span>
        </span>
      );
    },
  }),
  col.display({
    id: 'flags',
    header: 'Flags',
    meta: { className: 'col-flags' },
    cell: (info) => <TicketFlags ticket={info.row.original} />,
  }),
]);

function planIsPaid(rules: RuleSetSummary | null, planId: string): boolean {
  return rules?.plans.find((p) => p.id === planId)?.paid ?? planId !== 'free';
}

function TicketFlags({ ticket }: { ticket: TicketSummary }) {
  const { flags } = ticket;
  return (
    <span className="flags">
      {ticket.intakeOutcome === 'refuse' && (
        <Tooltip content={ticket.intakeReason}>
          {(trigger) => (
            <button type="button" className="flag flag-refused" {...trigger}>
              Refused at intake
            </button>
          )}
        </Tooltip>
      )}
      {flags.notEntitled && ticket.intakeOutcome !== 'refuse' && (
        <span className="flag flag-danger">Not on plan</span>
      )}
      {flags.overQuota && <span className="flag flag-warn">Quota used up</span>}
      {flags.outsideHours && (
        <span
          className="flag flag-info"
          title="Arrived while the channel was closed; the clock started at the opening"
        >
          After hours
        </span>
      )}
    </span>
  );
}
