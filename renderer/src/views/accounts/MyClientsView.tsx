// "My clients": the account manager's book, from clients.list. Each client with plan and badges,
// open tickets and how late they are, the next call, the last contact, the latest note, and a
// marker for activity since the manager last looked. Sortable, filterable, and keyboard-first: on a
// focused client, Enter or t opens its tickets in the queue, m marks it seen, n writes a note.
// A lead sees the same book for the manager they pick (markers are the manager's own, so hidden).
import { useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { ApiErrorShape, ClientRow } from '../../../../shared/contract';
import { DateTimeText } from '../../components/DateTimeText';
import { ErrorNote } from '../../components/ErrorNote';
import { ExpressMarker, PlanBadge } from '../../components/PlanBadge';
import { formatAge, formatFull, systemZone } from '../../format/time';
import { useLang, useT, type Translate } from '../../i18n';
import { useNow } from '../../state/clock';
import { useDataChanged } from '../../state/live';
import { useNav } from '../../state/nav';
import { useResource } from '../../state/resource';
import { useSession } from '../../state/session';
import { useStaff } from '../../state/staff';
import { api } from '../../transport';
import { canUseSection, openClientTickets, sectionLabelKey } from './access';
import './accounts.css';
import { usePlanName } from '../../state/rules';
import type { PlanNamer } from '../../i18n/plans';

type SortKey = 'activity' | 'name' | 'open' | 'nextDue' | 'nextCall' | 'lastContact';
type Direction = 'asc' | 'desc';

/** Where a click on a new column starts: soonest first for times ahead, most first for counts. */
const firstDirection: Record<SortKey, Direction> = {
  activity: 'desc',
  name: 'asc',
  open: 'desc',
  nextDue: 'asc',
  nextCall: 'asc',
  lastContact: 'desc',
};

const REFRESH_TOPICS = new Set(['assignments', 'customers', 'staff', 'tickets', 'messages', 'calls']);

function compareNullable(a: number | null, b: number | null, dir: Direction): number {
  // Clients with nothing ahead (no due, no call) stay at the end whichever way the column sorts.
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return dir === 'asc' ? a - b : b - a;
}

function compare(a: ClientRow, b: ClientRow, key: SortKey, dir: Direction): number {
  const sign = dir === 'asc' ? 1 : -1;
  switch (key) {
    case 'activity':
      return sign * (Number(a.activitySinceSeen) - Number(b.activitySinceSeen));
    case 'name':
      return sign * a.customer.name.localeCompare(b.customer.name);
    case 'open':
      return sign * (a.openTickets - b.openTickets || a.overdueTickets - b.overdueTickets);
    case 'nextDue':
      return compareNullable(a.nextDueAt, b.nextDueAt, dir);
    case 'nextCall':
      return compareNullable(a.nextCallAt, b.nextCallAt, dir);
    case 'lastContact':
      return compareNullable(a.lastContactAt, b.lastContactAt, dir);
  }
}

/** Whether the row matches the typed text; the plan matches by the name the person reads. */
function matches(row: ClientRow, text: string, planName: PlanNamer): boolean {
  if (text === '') return true;
  const c = row.customer;
  const fields = [
    c.name,
    c.company ?? '',
    c.accountEmail,
    planName(c.planId),
    ...row.notes.map((n) => n.body),
  ];
  return fields.some((s) => s.toLowerCase().includes(text));
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

export function MyClientsView() {
  const t = useT();
  const me = useSession((s) => s.me);
  const staff = useStaff((s) => s.staff);
  const openCustomer = useNav((s) => s.openCustomer);
  const openCustomerId = useNav((s) => s.customerId);
  const isLead = me?.role === 'lead';
  const isManager = me?.role === 'account_manager';
  const managers = (staff ?? []).filter((s) => s.role === 'account_manager' && s.active);
  const [managerChoice, setManagerChoice] = useState<string | null>(null);
  const managerValue = managerChoice ?? (managers[0] ? String(managers[0].id) : 'all');
  const [filterText, setFilterText] = useState('');
  const [activityOnly, setActivityOnly] = useState(false);
  const [sort, setSort] = useState<{ key: SortKey; dir: Direction }>({ key: 'name', dir: 'asc' });
  const [currentId, setCurrentId] = useState<number | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [actionError, setActionError] = useState<ApiErrorShape | null>(null);
  const tbody = useRef<HTMLTableSectionElement>(null);
  const noteField = useRef<HTMLTextAreaElement>(null);
  const ids = { title: useId(), filter: useId(), hint: useId() };

  // A lead's list waits for the staff list, so it is fetched once, for the manager shown.
  const key = !me ? null : isLead ? (staff ? `clients:${managerValue}` : null) : `clients:me:${me.id}`;
  const list = useResource(key, () =>
    api['clients.list'](isLead && managerValue !== 'all' ? { managerId: Number(managerValue) } : {}),
  );
  const pending = useRef<number | undefined>(undefined);
  useDataChanged(
    (change) => change.topics.some((x) => REFRESH_TOPICS.has(x)),
    () => {
      // Bursts (a plan change writes several topics) become one refetch.
      window.clearTimeout(pending.current);
      pending.current = window.setTimeout(list.reload, 150);
    },
  );

  const rows = useMemo(() => list.data ?? [], [list.data]);
  const planName = usePlanName();
  const text = filterText.trim().toLowerCase();
  const visible = useMemo(
    () =>
      rows
        .filter((r) => matches(r, text, planName) && (!activityOnly || r.activitySinceSeen))
        .sort((a, b) => compare(a, b, sort.key, sort.dir) || a.customer.name.localeCompare(b.customer.name)),
    [rows, text, activityOnly, sort, planName],
  );
  const current = visible.find((r) => r.customer.id === currentId) ?? visible[0] ?? null;

  if (!canUseSection('clients', me?.role)) {
    return (
      <section className="accounts-view" aria-labelledby={ids.title}>
        <h1 id={ids.title}>{t(sectionLabelKey('clients', me?.role))}</h1>
        <p className="muted">{t('clients.notForRole')}</p>
      </section>
    );
  }

  function report(message: string | null, error: ApiErrorShape | null = null) {
    setStatus(message);
    setActionError(error);
  }

  function focusRow(index: number) {
    const row = visible[Math.max(0, Math.min(visible.length - 1, index))];
    if (!row) return;
    setCurrentId(row.customer.id);
    tbody.current?.querySelector<HTMLElement>(`tr[data-customer-id="${row.customer.id}"]`)?.focus();
  }

  async function markSeen(row: ClientRow, quiet = false) {
    if (!isManager) return;
    const result = await api['clients.markSeen']({ customerId: row.customer.id });
    if (!result.ok) {
      report(null, result.error);
      return;
    }
    if (!quiet) report(t('clients.markedSeen', { name: row.customer.name }));
    list.reload();
  }

  function openClient(row: ClientRow, from: HTMLElement) {
    setCurrentId(row.customer.id);
    openCustomer(row.customer.id, from);
    // Opening a client is looking at it: its activity marker clears.
    void markSeen(row, true);
  }

  function onRowKeyDown(event: KeyboardEvent<HTMLTableRowElement>, row: ClientRow, index: number) {
    if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
    const onRow = event.target === event.currentTarget;
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
        event.preventDefault();
        focusRow(index + 1);
        return;
      case 'ArrowUp':
      case 'k':
        event.preventDefault();
        focusRow(index - 1);
        return;
      case 'Home':
      case 'End':
        if (!onRow) return;
        event.preventDefault();
        focusRow(event.key === 'Home' ? 0 : visible.length - 1);
        return;
      case 'Enter':
        // On a button inside the row, Enter presses that button.
        if (!onRow) return;
        event.preventDefault();
        openClientTickets(row.customer.id);
        return;
      case 't':
        event.preventDefault();
        openClientTickets(row.customer.id);
        return;
      case 'm':
        event.preventDefault();
        void markSeen(row);
        return;
      case 'o':
        event.preventDefault();
        openClient(row, event.currentTarget);
        return;
      case 'n':
        event.preventDefault();
        setCurrentId(row.customer.id);
        window.requestAnimationFrame(() => noteField.current?.focus());
        return;
    }
  }

  function sortBy(key: SortKey) {
    setSort((s) =>
      s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: firstDirection[key] },
    );
  }

  const header = (key: SortKey, label: string, className?: string) => {
    const active = sort.key === key;
    return (
      <th
        scope="col"
        className={className}
        aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      >
        <button type="button" className="sort-header" onClick={() => sortBy(key)}>
          {label}
          <span className="sort-mark" aria-hidden="true">
            {active ? (sort.dir === 'asc' ? '↑' : '↓') : '↕'}
          </span>
        </button>
      </th>
    );
  };

  return (
    <section className="accounts-view clients-view" aria-labelledby={ids.title}>
      <div className="view-header">
        <h1 id={ids.title}>{t(sectionLabelKey('clients', me?.role))}</h1>
        <p className="count" aria-live="polite">
          {list.data ? t('clients.count', { shown: visible.length, total: rows.length }) : ''}
        </p>
        {list.loading && (
          <span className="muted loading" role="status">
            {t('queue.updating')}
          </span>
        )}
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        {isLead && (
          <label>
            {t('clients.manager')}
            <select value={managerValue} onChange={(e) => setManagerChoice(e.target.value)}>
              {managers.map((m) => (
                <option key={m.id} value={String(m.id)}>
                  {m.name}
                </option>
              ))}
              <option value="all">{t('clients.allManagers')}</option>
            </select>
          </label>
        )}
        <label htmlFor={ids.filter}>{t('clients.filter')}</label>
        <input
          id={ids.filter}
          type="search"
          value={filterText}
          onChange={(e) => setFilterText(e.target.value)}
          placeholder={t('clients.filterPlaceholder')}
          autoComplete="off"
        />
        {isManager && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={activityOnly}
              onChange={(e) => setActivityOnly(e.target.checked)}
            />
            {t('clients.activityOnly')}
          </label>
        )}
      </form>
      <p id={ids.hint} className="hint keys-hint">
        <span>
          <kbd>Enter</kbd> / <kbd>t</kbd> {t('clients.keyTickets')}
        </span>
        <span>
          <kbd>o</kbd> {t('clients.keyOpen')}
        </span>
        {isManager && (
          <span>
            <kbd>m</kbd> {t('clients.keySeen')}
          </span>
        )}
        <span>
          <kbd>n</kbd> {t('clients.keyNote')}
        </span>
        <span>
          <kbd>↑</kbd> <kbd>↓</kbd> {t('clients.keyMove')}
        </span>
      </p>
      {isLead && <p className="muted small">{t('clients.leadMarkers')}</p>}
      {list.error && <ErrorNote error={list.error} onRetry={list.reload} />}
      {actionError && <ErrorNote error={actionError} compact />}
      <p className="calm-note" role="status">
        {status ?? ''}
      </p>
      <div className="table-wrap">
        <table className="clients-table" aria-describedby={ids.hint}>
          <caption className="visually-hidden">{t('clients.caption')}</caption>
          <thead>
            <tr>
              {isManager && header('activity', t('clients.col.activity'), 'col-activity')}
              {header('name', t('clients.col.client'))}
              <th scope="col">{t('clients.col.channels')}</th>
              {header('open', t('clients.col.open'))}
              {header('nextDue', t('clients.col.nextDue'))}
              {header('nextCall', t('clients.col.nextCall'))}
              {header('lastContact', t('clients.col.lastContact'))}
              <th scope="col">{t('clients.col.note')}</th>
            </tr>
          </thead>
          <tbody ref={tbody}>
            {visible.map((row, index) => (
              <ClientTableRow
                key={row.customer.id}
                row={row}
                showActivity={isManager}
                current={row.customer.id === current?.customer.id}
                opened={row.customer.id === openCustomerId}
                onFocus={() => setCurrentId(row.customer.id)}
                onKeyDown={(e) => onRowKeyDown(e, row, index)}
                onOpen={(el) => openClient(row, el)}
                onTickets={() => openClientTickets(row.customer.id)}
              />
            ))}
          </tbody>
        </table>
        {list.data && visible.length === 0 && (
          <p className="empty">{rows.length === 0 ? t('clients.none') : t('clients.noMatch')}</p>
        )}
      </div>
      {current && (
        <ClientNotes
          key={current.customer.id}
          row={current}
          field={noteField}
          onAdded={(message) => {
            report(message);
            list.reload();
          }}
        />
      )}
    </section>
  );
}

interface ClientTableRowProps {
  row: ClientRow;
  showActivity: boolean;
  current: boolean;
  opened: boolean;
  onFocus(): void;
  onKeyDown(event: KeyboardEvent<HTMLTableRowElement>): void;
  onOpen(from: HTMLElement): void;
  onTickets(): void;
}

function ClientTableRow({
  row,
  showActivity,
  current,
  opened,
  onFocus,
  onKeyDown,
  onOpen,
  onTickets,
}: ClientTableRowProps) {
  const t = useT();
  const lang = useLang();
  const zone = useSession((s) => s.me?.zone) ?? systemZone();
  const now = useNow();
  const c = row.customer;
  const note = row.notes[0];
  const classes = ['client-row'];
  if (current) classes.push('current');
  if (opened) classes.push('selected');
  return (
    <tr
      className={classes.join(' ')}
      data-customer-id={c.id}
      // One tab stop for the table: the current client; arrows move between clients.
      tabIndex={current ? 0 : -1}
      onFocus={onFocus}
      onKeyDown={onKeyDown}
    >
      {showActivity && (
        <td className="col-activity">
          {row.activitySinceSeen ? (
            <span className="activity-dot" title={t('clients.activity')}>
              <span className="visually-hidden">{t('clients.activity')}</span>
            </span>
          ) : (
            <span className="visually-hidden">{t('clients.noActivity')}</span>
          )}
        </td>
      )}
      <td className="col-client">
        <button
          type="button"
          className="link-button client-name"
          tabIndex={-1}
          aria-pressed={opened}
          onClick={(e) => onOpen(e.currentTarget)}
        >
          {c.name}
        </button>
        <span className="client-sub">
          <PlanBadge planId={c.planId} planName={c.planName} paid={c.paid} express={c.express} />
          {c.express && <ExpressMarker />}
          {c.company && <span className="muted small">{c.company}</span>}
        </span>
      </td>
      <td className="col-channels">
        <ChannelChips row={row} t={t} />
      </td>
      <td className="col-open">
        {row.openTickets > 0 ? (
          <button type="button" className="link-button" tabIndex={-1} onClick={onTickets}>
            {t('clients.openCount', { n: row.openTickets })}
          </button>
        ) : (
          <span className="muted">{t('clients.openCount', { n: 0 })}</span>
        )}
        {row.overdueTickets > 0 && (
          <span className="flag flag-danger">{t('clients.overdue', { n: row.overdueTickets })}</span>
        )}
      </td>
      <td className="col-due">
        {row.nextDueAt === null ? (
          <span className="muted">—</span>
        ) : row.nextDueAt <= now ? (
          <span className="due-late">{t('clients.dueLate')}</span>
        ) : (
          <DateTimeText ms={row.nextDueAt} zone={zone} withGmt={false} now={now} />
        )}
      </td>
      <td className="col-call">
        {row.nextCallAt === null ? (
          <span className="muted">—</span>
        ) : (
          // Phone hours are GMT: the call's GMT time goes beside the viewer's.
          <DateTimeText ms={row.nextCallAt} zone={zone} withGmt now={now} />
        )}
      </td>
      <td className="col-contact">
        {row.lastContactAt === null ? (
          <span className="muted">{t('clients.never')}</span>
        ) : (
          <span title={formatFull(row.lastContactAt, zone, lang)}>
            {t('clients.ago', { span: formatAge(row.lastContactAt, t, now) })}
          </span>
        )}
      </td>
      <td className="col-note">
        {note ? (
          <span className="note-preview" title={note.body}>
            {note.body} <span className="muted small">— {note.authorName}</span>
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  );
}

/** The plan's channels, small: a tick or a cross, the channel, and the rule's sentence on hover. */
function ChannelChips({ row, t }: { row: ClientRow; t: Translate }) {
  return (
    <ul className="channel-chips">
      {row.channels.map((ch) => (
        <li
          key={ch.channel}
          className={ch.allowed ? 'chip allowed' : 'chip refused'}
          data-channel={ch.channel}
          title={ch.reason}
        >
          <span aria-hidden="true">{ch.allowed ? '✓' : '✕'}</span>
          {t(`channel.${ch.channel}`)}
          <span className="visually-hidden"> {ch.allowed ? t('badge.allowed') : t('badge.notOnPlan')}</span>
        </li>
      ))}
    </ul>
  );
}

interface ClientNotesProps {
  row: ClientRow;
  field: RefObject<HTMLTextAreaElement | null>;
  onAdded(message: string): void;
}

/** The current client's latest notes, and a note to add. Notes are staff-only and kept. */
function ClientNotes({ row, field, onAdded }: ClientNotesProps) {
  const t = useT();
  const lang = useLang();
  const zone = useSession((s) => s.me?.zone) ?? systemZone();
  const now = useNow();
  const ids = { title: useId(), body: useId() };
  const [body, setBody] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);

  async function submit(event: { preventDefault(): void }) {
    event.preventDefault();
    if (body.trim() === '' || saving) return;
    setSaving(true);
    setError(null);
    const result = await api['clients.addNote']({ customerId: row.customer.id, body: body.trim() });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setBody('');
    onAdded(t('notes.added', { name: row.customer.name }));
  }

  return (
    <section className="client-notes" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{t('notes.title', { name: row.customer.name })}</h2>
      {row.notes.length === 0 ? (
        <p className="muted small">{t('notes.none')}</p>
      ) : (
        <ul className="notes-list">
          {row.notes.map((n) => (
            <li key={n.id}>
              <p className="note-body">{n.body}</p>
              <p className="muted small">
                {n.authorName} ·{' '}
                <span title={formatFull(n.createdAt, zone, lang)}>
                  {t('clients.ago', { span: formatAge(n.createdAt, t, now) })}
                </span>
              </p>
            </li>
          ))}
        </ul>
      )}
      <form className="accounts-form note-form" onSubmit={(e) => void submit(e)}>
        <label className="stacked" htmlFor={ids.body}>
          {t('notes.label')}
        </label>
        <textarea
          id={ids.body}
          ref={field}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          rows={2}
          maxLength={5000}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void submit(e);
            }
          }}
        />
        {error && <ErrorNote error={error} context={t('notes.notAdded')} compact />}
        <p className="popover-actions">
          <span className="muted small">{t('composer.sendHint')}</span>
          <button type="submit" className="primary" disabled={saving || body.trim() === ''}>
            {saving ? t('composer.sending') : t('notes.add')}
          </button>
        </p>
      </form>
    </section>
  );
}
