// One ticket, opened beside the queue: its thread (questions, answers, blog comments, internal notes
// and every intake decision), what can be done with it, and the customer's panel on the right.
import { useEffect, useRef } from 'react';
import type { TicketDetail, TicketMessage } from '../../../shared/contract';
import type { TicketStatus } from '../../../shared/domain';
import { ticketStatuses } from '../format/vocabulary';
import { DateTimeText } from '../components/DateTimeText';
import { DecisionView } from '../components/DecisionView';
import { ErrorNote } from '../components/ErrorNote';
import { TicketFlags } from '../components/Flags';
import { MenuButton, type MenuHandle } from '../components/MenuButton';
import { TicketPlanBadge } from '../components/PlanBadge';
import { useTimeLeftText } from '../components/TimeLeft';
import { SlaExplainButton } from './sla/SlaExplainButton';
import { systemZone } from '../format/time';
import { useT } from '../i18n';
import { shortcutTargets } from '../keyboard/targets';
import { assignTicket, assignToMe, setTicketStatus, useActionStatus } from '../state/actions';
import { useNow } from '../state/clock';
import { useDataChanged } from '../state/live';
import { focusQueue, takeTitleFocus, useNav } from '../state/nav';
import { useResource } from '../state/resource';
import { channelGmt, useRules } from '../state/rules';
import { useSession } from '../state/session';
import { useStaff } from '../state/staff';
import { api } from '../transport';
import { AttachmentList } from './channels/Attachments';
import { Composer } from './Composer';
import { LinkCustomer } from './LinkCustomer';
import { TicketCall } from './calls/TicketCall';
import { DeliveryState } from './channels/delivery';

export function TicketView({ ticketId }: { ticketId: number }) {
  const t = useT();
  const zone = useSession((s) => s.me?.zone) ?? systemZone();
  const closeTicket = useNav((s) => s.closeTicket);
  const now = useNow();
  const detail = useResource(`ticket:${ticketId}`, () => api['tickets.get']({ id: ticketId }));
  useDataChanged(
    (change) =>
      change.ticketIds.includes(ticketId) ||
      (change.ticketIds.length === 0 && change.topics.some((x) => x === 'tickets' || x === 'messages')),
    detail.reload,
  );
  // Keep the last ticket on screen while the next one loads, so j/k do not flash an empty pane.
  const shown = useRef<TicketDetail | null>(null);
  if (detail.data) shown.current = detail.data;
  const data = detail.data ?? shown.current;

  useEffect(() => {
    if (takeTitleFocus()) document.getElementById('ticket-title')?.focus();
  }, []);

  function close() {
    closeTicket();
    window.requestAnimationFrame(focusQueue);
  }

  const setTicketCustomer = useNav((s) => s.setTicketCustomer);
  const customerId = data?.customer?.id ?? null;
  useEffect(() => {
    setTicketCustomer(customerId);
  }, [customerId, setTicketCustomer]);

  return (
    <article
      className="ticket"
      aria-labelledby="ticket-title"
      aria-busy={detail.loading || undefined}
      onKeyDown={(event) => {
        if (
          event.key === 'Escape' &&
          !event.defaultPrevented &&
          !(event.target instanceof HTMLTextAreaElement)
        ) {
          event.preventDefault();
          close();
        }
      }}
    >
      <header className="ticket-header">
        <div className="ticket-title-row">
          <h2 id="ticket-title" tabIndex={-1}>
            {data ? data.ticket.subject : t('ticket.loading')}
          </h2>
          <button
            type="button"
            className="icon-button"
            onClick={close}
            aria-label={t('ticket.close')}
            title={t('ticket.close')}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
        {data && <TicketHeader detail={data} zone={zone} now={now} />}
        {data?.ticket.channel === 'phone' && data.customer && (
          <TicketCall ticketId={data.ticket.id} customerId={data.customer.id} />
        )}
        {data && data.ticket.customerId === null && (
          <LinkCustomer ticket={data.ticket} sameSenderUnknown={data.sameSenderUnknown} />
        )}
      </header>
      {detail.error && <ErrorNote error={detail.error} onRetry={detail.reload} />}
      {data && data.ticket.id === ticketId && (
        <>
          <Thread detail={data} zone={zone} now={now} />
          <Composer detail={data} zone={zone} now={now} />
        </>
      )}
    </article>
  );
}

function TicketHeader({ detail, zone, now }: { detail: TicketDetail; zone: string; now: number }) {
  const t = useT();
  const { ticket, customer } = detail;
  const me = useSession((s) => s.me);
  const staff = useStaff((s) => s.staff);
  const rules = useRules((s) => s.rules);
  const action = useActionStatus();
  const sla = useTimeLeftText(ticket, zone, now);
  const statusMenu = useRef<MenuHandle>(null);
  useEffect(() => {
    shortcutTargets.statusMenu = {
      open: () => statusMenu.current?.open(),
    };
    return () => {
      shortcutTargets.statusMenu = null;
    };
  }, []);
  const gmt = channelGmt(rules, ticket.channel);
  const mine = me !== null && ticket.assigneeId === me.id;
  const statusItems = ticketStatuses.map((s) => ({
    value: s,
    label: t(`status.${s}`),
    // A ticket never goes back to new; a closed one never changes (the core refuses both).
    disabled: s === 'new' || ticket.status === 'closed',
  }));
  const assignItems = [
    { value: 0, label: t('ticket.unassign') },
    ...(staff ?? []).filter((s) => s.active).map((s) => ({ value: s.id, label: s.name })),
  ];
  const showStatus = action.place === 'ticket' && action.ticketId === ticket.id;
  return (
    <>
      <p className="ticket-meta">
        <span className="ticket-id">#{ticket.id}</span>
        <span>{t(`channel.${ticket.channel}`)}</span>
        <span>
          {customer?.name ?? ticket.customerName} <TicketPlanBadge ticket={customer ?? ticket} />
        </span>
        <span>
          {t('ticket.receivedShort')}{' '}
          <DateTimeText ms={ticket.createdAt} zone={zone} withGmt={gmt} now={now} />
        </span>
        {ticket.priority !== 'normal' && (
          <span className={`priority priority-${ticket.priority}`}>{t(`priority.${ticket.priority}`)}</span>
        )}
      </p>
      <p className="ticket-state">
        <span className={`status status-${ticket.status}`}>{t(`status.${ticket.status}`)}</span>
        <span className={`time-left sla-${sla.level}`} data-sla={sla.state.kind}>
          {sla.text}
          {sla.note && <span className="sla-note"> · {sla.note}</span>}
        </span>
        {ticket.dueAt !== null && <span className="muted small">{sla.due()}</span>}
        <SlaExplainButton ticketId={ticket.id} />
        <TicketFlags ticket={ticket} />
      </p>
      <div className="ticket-actions" role="group" aria-label={t('ticket.actions')}>
        <span className="assignee">
          {t('punct.colon', { text: t('ticket.assignee') })}{' '}
          <strong>{ticket.assigneeName ?? t('ticket.unassigned')}</strong>
        </span>
        <button
          type="button"
          disabled={mine || action.busy}
          onClick={() => void assignToMe(ticket.id, 'ticket')}
          aria-keyshortcuts="a"
        >
          {mine ? t('ticket.yours') : t('ticket.assignToMe')}
        </button>
        <MenuButton
          label={t('ticket.assign')}
          items={assignItems}
          value={ticket.assigneeId ?? 0}
          onSelect={(id) => void assignTicket(ticket.id, id === 0 ? null : id, 'ticket')}
        />
        <MenuButton<TicketStatus>
          label={t('ticket.statusButton', { status: t(`status.${ticket.status}`) })}
          items={statusItems}
          value={ticket.status}
          onSelect={(s) => void setTicketStatus(ticket.id, s, 'ticket')}
          handleRef={statusMenu}
          disabled={ticket.status === 'closed'}
        />
        <span className="action-status" role="status">
          {showStatus && action.message}
        </span>
      </div>
      {showStatus && action.error && <ErrorNote error={action.error} compact />}
    </>
  );
}

function Thread({ detail, zone, now }: { detail: TicketDetail; zone: string; now: number }) {
  const t = useT();
  const { ticket, messages } = detail;
  const rules = useRules((s) => s.rules);
  const gmt = channelGmt(rules, ticket.channel);
  const end = useRef<HTMLLIElement>(null);
  const count = messages.length;
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [count, ticket.id]);
  return (
    // Focusable so the thread can be scrolled from the keyboard.
    <ol className="thread" aria-label={t('ticket.thread')} tabIndex={0}>
      <li className="thread-item event">
        <DecisionView
          decision={ticket.intakeDecision}
          channel={ticket.channel}
          zone={zone}
          now={now}
          title={t('ticket.intakeDecision')}
          timing={{
            kind: 'arrival',
            closedOnArrival: ticket.flags.outsideHours,
            clockStartsAt: ticket.clockStartsAt,
          }}
        />
      </li>
      {messages.map((m) => (
        <MessageItem key={m.id} message={m} detail={detail} zone={zone} now={now} gmt={gmt} />
      ))}
      <li ref={end} className="thread-end" aria-hidden="true" />
    </ol>
  );
}

function MessageItem({
  message,
  detail,
  zone,
  now,
  gmt,
}: {
  message: TicketMessage;
  detail: TicketDetail;
  zone: string;
  now: number;
  gmt: boolean;
}) {
  const t = useT();
  const classes = ['thread-item', `kind-${message.kind}`, message.authorKind];
  if (!message.accepted) classes.push('refused');
  // The first message is the intake itself; its decision is already shown above it.
  const showDecision =
    message.decision !== null &&
    message.kind !== 'internal_note' &&
    (!message.accepted || message.authorKind === 'staff');
  return (
    <li className={classes.join(' ')} data-message-id={message.id}>
      <p className="message-head">
        <span className="message-author">{message.authorName}</span>
        <span className="message-kind">{t(`kind.${message.kind}`)}</span>
        <DateTimeText ms={message.createdAt} zone={zone} withGmt={gmt} now={now} />
        {message.countsTowardQuota && <span className="flag flag-warn">{t('message.countsQuota')}</span>}
        {!message.accepted && <span className="flag flag-refused">{t('message.refused')}</span>}
      </p>
      {message.mail?.from &&
        message.mail.from !==
          (detail.customer?.accountEmail ?? detail.ticket.sender?.email ?? '').toLowerCase() && (
          <p className="message-from muted small">
            {t('mailIn.fromOther', {
              from: message.mail.fromName
                ? `${message.mail.fromName} <${message.mail.from}>`
                : message.mail.from,
            })}
          </p>
        )}
      <div className="message-body">{message.body}</div>
      {message.delivery && (
        <p className="message-delivery">
          <span className="muted">{t('delivery.emailed')}</span>{' '}
          <DeliveryState facts={message.delivery} zone={zone} />
        </p>
      )}
      {message.mail && <AttachmentList attachments={message.mail.attachments} />}
      {showDecision && message.decision && (
        <DecisionView
          decision={message.decision}
          channel={detail.ticket.channel}
          zone={zone}
          now={now}
          compact
        />
      )}
    </li>
  );
}
