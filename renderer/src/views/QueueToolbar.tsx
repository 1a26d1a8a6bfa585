// Filters, sort, columns and saving for the active view. Every control edits the view's working
// copy; the store does the filtering, sorting and counting.
import type { ReactTable } from '@tanstack/react-table';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { QueueFilter, QueueSort, TicketSummary } from '../../../shared/contract';
import type { ChannelId, TicketStatus } from '../../../shared/domain';
import { channelIds, ticketStatuses } from '../format/vocabulary';
import { ErrorNote } from '../components/ErrorNote';
import { useT } from '../i18n';
import { usePlanName, useRules } from '../state/rules';
import { useStaff } from '../state/staff';
import { useActiveShape, useViews } from '../state/views';
import { columnLabels, isColumnId, type queueFeatures } from './queueColumns';
import { DUE_SOON_MINUTES } from '../../../shared/builtin-views';

type QueueTable = ReactTable<typeof queueFeatures, TicketSummary>;

const activeStatuses: TicketStatus[] = ['new', 'open', 'waiting_customer'];
/** Where the next move is the team's: waiting on the customer is left out. */
const owedStatuses: TicketStatus[] = ['new', 'open'];

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function statusChoice(filter: QueueFilter): string {
  const s = filter.statuses;
  if (!s || s.length === 0) return 'any';
  if (sameSet(s, activeStatuses)) return 'active';
  if (sameSet(s, owedStatuses)) return 'owed';
  if (s.length === 1 && s[0]) return s[0];
  return 'several';
}

function assigneeChoice(filter: QueueFilter): string {
  const a = filter.assignee;
  if (!a) return 'anyone';
  return a.kind === 'staff' ? `staff:${a.id}` : a.kind;
}

/** Removes a key from the filter (an absent key means "any"). */
function without<K extends keyof QueueFilter>(filter: QueueFilter, key: K): QueueFilter {
  const next = { ...filter };
  delete next[key];
  return next;
}

export function QueueToolbar({
  table,
  onSort,
}: {
  table: QueueTable;
  onSort(field: QueueSort['field']): void;
}) {
  const t = useT();
  const shape = useActiveShape();
  const editFilter = useViews((s) => s.editFilter);
  const setSort = useViews((s) => s.setSort);
  const rules = useRules((s) => s.rules);
  const planName = usePlanName();
  const staff = useStaff((s) => s.staff);
  if (!shape) return null;
  const { filter, sort } = shape;
  const channel =
    filter.channels?.length === 1 ? filter.channels[0] : filter.channels?.length ? 'several' : 'all';
  const plan = filter.planIds?.length === 1 ? filter.planIds[0] : filter.planIds?.length ? 'several' : 'any';

  const toggles: { key: keyof QueueFilter; label: string; on: boolean; set(on: boolean): void }[] = [
    {
      key: 'needsFirstResponse',
      label: t('filter.needsFirstResponse'),
      on: filter.needsFirstResponse === true,
      set: (on) =>
        editFilter((f) => (on ? { ...f, needsFirstResponse: true } : without(f, 'needsFirstResponse'))),
    },
    {
      key: 'dueWithinMinutes',
      label: t('filter.dueSoon', { minutes: filter.dueWithinMinutes ?? DUE_SOON_MINUTES }),
      on: filter.dueWithinMinutes !== undefined,
      set: (on) =>
        editFilter((f) =>
          on ? { ...f, dueWithinMinutes: DUE_SOON_MINUTES } : without(f, 'dueWithinMinutes'),
        ),
    },
    {
      key: 'waitingForHours',
      label: t('filter.waitingForHours'),
      on: filter.waitingForHours === true,
      set: (on) => editFilter((f) => (on ? { ...f, waitingForHours: true } : without(f, 'waitingForHours'))),
    },
    {
      key: 'quotaUsedUp',
      label: t('filter.quotaUsedUp'),
      on: filter.quotaUsedUp === true,
      set: (on) => editFilter((f) => (on ? { ...f, quotaUsedUp: true } : without(f, 'quotaUsedUp'))),
    },
  ];

  return (
    <div className="toolbar">
      <div className="filters" role="group" aria-label={t('filter.group')}>
        <label>
          {t('filter.channel')}
          <select
            value={channel}
            onChange={(e) => {
              const v = e.target.value;
              editFilter((f) =>
                v === 'all' ? without(f, 'channels') : { ...f, channels: [v as ChannelId] },
              );
            }}
          >
            <option value="all">{t('filter.allChannels')}</option>
            {channel === 'several' && (
              <option value="several">{t('filter.several', { n: filter.channels?.length ?? 0 })}</option>
            )}
            {channelIds.map((id) => (
              <option key={id} value={id}>
                {t(`channel.${id}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filter.status')}
          <select
            value={statusChoice(filter)}
            onChange={(e) => {
              const v = e.target.value;
              editFilter((f) =>
                v === 'any'
                  ? without(f, 'statuses')
                  : {
                      ...f,
                      statuses:
                        v === 'active' ? activeStatuses : v === 'owed' ? owedStatuses : [v as TicketStatus],
                    },
              );
            }}
          >
            <option value="active">{t('filter.activeStatuses')}</option>
            <option value="owed">{t('filter.owedStatuses')}</option>
            <option value="any">{t('filter.anyStatus')}</option>
            {statusChoice(filter) === 'several' && (
              <option value="several">{t('filter.several', { n: filter.statuses?.length ?? 0 })}</option>
            )}
            {ticketStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filter.assignee')}
          <select
            value={assigneeChoice(filter)}
            onChange={(e) => {
              const v = e.target.value;
              editFilter((f) => {
                if (v === 'anyone') return without(f, 'assignee');
                if (v === 'me' || v === 'none') return { ...f, assignee: { kind: v } };
                return { ...f, assignee: { kind: 'staff', id: Number(v.slice('staff:'.length)) } };
              });
            }}
          >
            <option value="anyone">{t('filter.anyone')}</option>
            <option value="me">{t('filter.me')}</option>
            <option value="none">{t('filter.unassigned')}</option>
            {(staff ?? [])
              .filter((s) => s.active)
              .map((s) => (
                <option key={s.id} value={`staff:${s.id}`}>
                  {s.name}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('filter.plan')}
          <select
            value={plan}
            onChange={(e) => {
              const v = e.target.value;
              editFilter((f) => (v === 'any' ? without(f, 'planIds') : { ...f, planIds: [v] }));
            }}
          >
            <option value="any">{t('filter.anyPlan')}</option>
            {plan === 'several' && (
              <option value="several">{t('filter.several', { n: filter.planIds?.length ?? 0 })}</option>
            )}
            {(rules?.plans ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {planName(p.id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filter.intake')}
          <select
            value={filter.intakeOutcome ?? 'any'}
            onChange={(e) => {
              const v = e.target.value;
              editFilter((f) =>
                v === 'any'
                  ? without(f, 'intakeOutcome')
                  : { ...f, intakeOutcome: v === 'refuse' ? 'refuse' : 'accept' },
              );
            }}
          >
            <option value="any">{t('filter.anyIntake')}</option>
            <option value="accept">{t('filter.accepted')}</option>
            <option value="refuse">{t('filter.refused')}</option>
          </select>
        </label>
        <span className="toggles">
          {toggles.map((toggle) => (
            <button
              key={toggle.key}
              type="button"
              className="toggle"
              aria-pressed={toggle.on}
              onClick={() => toggle.set(!toggle.on)}
            >
              {toggle.label}
            </button>
          ))}
          {filter.customerId !== undefined && (
            <button
              type="button"
              className="toggle"
              aria-pressed
              onClick={() => editFilter((f) => without(f, 'customerId'))}
            >
              {t('filter.oneCustomer')} <span aria-hidden="true">×</span>
            </button>
          )}
        </span>
      </div>
      <div className="toolbar-right">
        <label>
          {t('sort.label')}
          <select value={sort.field} onChange={(e) => onSort(e.target.value as QueueSort['field'])}>
            <option value="due_at">{t('sort.due_at')}</option>
            <option value="created_at">{t('sort.created_at')}</option>
            <option value="updated_at">{t('sort.updated_at')}</option>
            <option value="priority">{t('sort.priority')}</option>
          </select>
        </label>
        <button
          type="button"
          onClick={() => setSort({ field: sort.field, direction: sort.direction === 'asc' ? 'desc' : 'asc' })}
          aria-label={sort.direction === 'asc' ? t('sort.ascending') : t('sort.descending')}
          title={sort.direction === 'asc' ? t('sort.ascending') : t('sort.descending')}
        >
          <span aria-hidden="true">{sort.direction === 'asc' ? '↑' : '↓'}</span>
        </button>
        <ColumnsMenu table={table} />
        <SaveView />
      </div>
    </div>
  );
}

/** Show, hide, reorder and size columns, all by keyboard as well as by dragging in the header. */
function ColumnsMenu({ table }: { table: QueueTable }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const columns = table.getAllLeafColumns();
  const order = table.state.columnOrder ?? [];
  const ordered = [...columns].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));

  function move(columnId: string, delta: number) {
    const ids = ordered.map((c) => c.id);
    const from = ids.indexOf(columnId);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= ids.length) return;
    ids.splice(from, 1);
    ids.splice(to, 0, columnId);
    table.setColumnOrder(ids);
  }

  return (
    <span className="popover-anchor">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        {t('columns.button')} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          id={id}
          className="popover columns-popover"
          role="group"
          aria-label={t('columns.title')}
          onKeyDown={(event) => {
            event.stopPropagation();
            if (event.key === 'Escape') {
              setOpen(false);
              button.current?.focus();
            }
          }}
        >
          <ul className="columns-list">
            {ordered.map((column, i) => {
              const name = isColumnId(column.id) ? t(columnLabels[column.id]) : column.id;
              return (
                <li key={column.id}>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={column.getIsVisible()}
                      // The subject is what a row is; hiding it would leave rows nobody can read.
                      disabled={column.id === 'subject'}
                      onChange={(e) => column.toggleVisibility(e.target.checked)}
                    />
                    {name}
                  </label>
                  <span className="column-tools">
                    <button
                      type="button"
                      className="small-button"
                      disabled={i === 0}
                      aria-label={t('columns.moveUp', { name })}
                      onClick={() => move(column.id, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="small-button"
                      disabled={i === ordered.length - 1}
                      aria-label={t('columns.moveDown', { name })}
                      onClick={() => move(column.id, 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="small-button"
                      aria-label={t('columns.narrower', { name })}
                      onClick={() =>
                        table.setColumnSizing((s) => ({
                          ...s,
                          [column.id]: Math.max(60, column.getSize() - 20),
                        }))
                      }
                    >
                      −
                    </button>
                    <button
                      type="button"
                      className="small-button"
                      aria-label={t('columns.wider', { name })}
                      onClick={() =>
                        table.setColumnSizing((s) => ({
                          ...s,
                          [column.id]: Math.min(2000, column.getSize() + 20),
                        }))
                      }
                    >
                      +
                    </button>
                  </span>
                </li>
              );
            })}
          </ul>
          <p className="popover-actions">
            <button
              type="button"
              onClick={() => {
                table.resetColumnOrder(true);
                table.resetColumnVisibility(true);
                table.resetColumnSizing(true);
              }}
            >
              {t('columns.reset')}
            </button>
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                button.current?.focus();
              }}
            >
              {t('action.done')}
            </button>
          </p>
        </div>
      )}
    </span>
  );
}

/** Save the current filters, sort and columns as a named view of one's own, or reset them. */
function SaveView() {
  const t = useT();
  const activeId = useViews((s) => s.activeId);
  const views = useViews((s) => s.views);
  const modified = useViews((s) => s.drafts[s.activeId] !== undefined);
  const save = useViews((s) => s.save);
  const resetDraft = useViews((s) => s.resetDraft);
  const saveError = useViews((s) => s.saveError);
  const active = views?.find((v) => v.id === activeId);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();

  async function submit(event: FormEvent, overwrite: boolean) {
    event.preventDefault();
    if (name.trim() === '') return;
    setBusy(true);
    const saved = await save(name.trim(), overwrite);
    setBusy(false);
    if (saved) {
      setOpen(false);
      button.current?.focus();
    }
  }

  return (
    <span className="popover-anchor">
      {modified && (
        <button type="button" onClick={resetDraft} title={t('views.resetHint')}>
          {t('views.reset')}
        </button>
      )}
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => {
          setName(active?.kind === 'custom' ? active.name : '');
          setOpen((o) => !o);
        }}
      >
        {t('views.save')}
      </button>
      {open && (
        <form
          id={id}
          className="popover save-popover"
          aria-label={t('views.saveTitle')}
          onSubmit={(e) => void submit(e, active?.kind === 'custom')}
          onKeyDown={(event) => {
            event.stopPropagation();
            if (event.key === 'Escape') {
              setOpen(false);
              button.current?.focus();
            }
          }}
        >
          <label className="stacked">
            {t('views.name')}
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} autoFocus required />
          </label>
          <p className="muted small">{t('views.saveHint')}</p>
          <p className="popover-actions">
            {active?.kind === 'custom' && (
              <button type="submit" className="primary" disabled={busy}>
                {t('views.update', { name: active.name })}
              </button>
            )}
            <button
              type={active?.kind === 'custom' ? 'button' : 'submit'}
              className={active?.kind === 'custom' ? undefined : 'primary'}
              disabled={busy}
              onClick={active?.kind === 'custom' ? (e) => void submit(e, false) : undefined}
            >
              {t('views.saveNew')}
            </button>
          </p>
          {saveError && <ErrorNote error={saveError} compact />}
        </form>
      )}
    </span>
  );
}
