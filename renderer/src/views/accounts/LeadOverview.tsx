// The lead's overview of personal management (overview.lead): Enterprise Express customers without
// a manager (an alert that stays until none is left), each account manager's load against an
// editable capacity, the recent assignment changes, and the team setting that offers a client's
// new tickets to their manager first.
import { useId, useRef, useState, type FormEvent } from 'react';
import type {
  ApiErrorShape,
  CustomerSummary,
  ManagerAssignment,
  ManagerLoad,
} from '../../../../shared/contract';
import { ErrorNote } from '../../components/ErrorNote';
import { ExpressMarker, PlanBadge } from '../../components/PlanBadge';
import { formatDate, formatFull, systemZone } from '../../format/time';
import { useLang, useT } from '../../i18n';
import { useDataChanged } from '../../state/live';
import { useNav } from '../../state/nav';
import { useResource } from '../../state/resource';
import { useSession } from '../../state/session';
import { api } from '../../transport';
import { canUseSection } from './access';
import { AssignManagerDialog } from './AssignManagerDialog';
import { endedReasonText } from './ManagerActions';
import './accounts.css';

const OVERVIEW_TOPICS = new Set(['assignments', 'customers', 'staff']);

export function LeadOverview() {
  const t = useT();
  const me = useSession((s) => s.me);
  const lead = canUseSection('overview', me?.role);
  const titleId = useId();
  const overview = useResource(lead ? 'overview-lead' : null, () => api['overview.lead']({}));
  const pending = useRef<number | undefined>(undefined);
  useDataChanged(
    (change) => change.topics.some((x) => OVERVIEW_TOPICS.has(x)),
    () => {
      window.clearTimeout(pending.current);
      pending.current = window.setTimeout(overview.reload, 120);
    },
  );
  const [assigning, setAssigning] = useState<CustomerSummary | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  if (!lead) {
    return (
      <section className="accounts-view" aria-labelledby={titleId}>
        <h1 id={titleId}>{t('section.overview')}</h1>
        <p className="muted">{t('overview.notForRole')}</p>
      </section>
    );
  }

  const data = overview.data;
  return (
    <section className="accounts-view overview-view" aria-labelledby={titleId}>
      <div className="view-header">
        <h1 id={titleId}>{t('section.overview')}</h1>
        {overview.loading && (
          <span className="muted loading" role="status">
            {t('queue.updating')}
          </span>
        )}
      </div>
      {overview.error && <ErrorNote error={overview.error} onRetry={overview.reload} />}
      <p className="calm-note" role="status">
        {status ?? ''}
      </p>
      {data && (
        <>
          <Unmanaged
            customers={data.unmanaged}
            onAssign={(c) => {
              setStatus(null);
              setAssigning(c);
            }}
          />
          <div className="overview-columns">
            <ManagerLoads managers={data.managers} onSaved={setStatus} />
            <TeamSetting />
          </div>
          <RecentChanges changes={data.recentChanges} />
        </>
      )}
      {assigning && (
        <AssignManagerDialog
          customer={{ id: assigning.id, name: assigning.name }}
          currentManagerName={assigning.managerName}
          defaultReason={t('assign.defaultReason')}
          onClose={() => setAssigning(null)}
          onAssigned={(a) => {
            setAssigning(null);
            setStatus(t('manager.assigned', { manager: a.managerName, name: a.customerName }));
            overview.reload();
          }}
        />
      )}
    </section>
  );
}

function Unmanaged({
  customers,
  onAssign,
}: {
  customers: CustomerSummary[];
  onAssign(customer: CustomerSummary): void;
}) {
  const t = useT();
  const openCustomer = useNav((s) => s.openCustomer);
  const headingId = useId();
  if (customers.length === 0) {
    return (
      <p className="all-managed" data-unmanaged="0">
        <span aria-hidden="true">✓ </span>
        {t('overview.allManaged')}
      </p>
    );
  }
  // An alert, not a toast: it stays on screen, unmovable, until every such customer has a manager.
  return (
    <div
      className="unmanaged-alert"
      role="alert"
      aria-labelledby={headingId}
      data-unmanaged={customers.length}
    >
      <h2 id={headingId}>{t('overview.unmanagedTitle', { n: customers.length })}</h2>
      <p className="small">{t('overview.unmanagedText')}</p>
      <ul className="unmanaged-list">
        {customers.map((c) => (
          <li key={c.id} data-customer-id={c.id}>
            <button
              type="button"
              className="link-button"
              onClick={(e) => openCustomer(c.id, e.currentTarget)}
            >
              {c.name}
            </button>
            {c.company && <span className="muted small">{c.company}</span>}
            <PlanBadge planId={c.planId} planName={c.planName} paid={c.paid} express={c.express} />
            {c.express && <ExpressMarker />}
            <button
              type="button"
              className="small-button primary"
              aria-label={t('overview.assignNamed', { name: c.name })}
              onClick={() => onAssign(c)}
            >
              {t('overview.assign')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ManagerLoads({ managers, onSaved }: { managers: ManagerLoad[]; onSaved(message: string): void }) {
  const t = useT();
  const headingId = useId();
  return (
    <section className="overview-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('overview.loads')}</h2>
      {managers.length === 0 ? (
        <p className="muted">{t('overview.noManagers')}</p>
      ) : (
        <table className="loads-table">
          <caption className="visually-hidden">{t('overview.loadsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('overview.manager')}</th>
              <th scope="col">{t('overview.load')}</th>
              <th scope="col">{t('overview.capacity')}</th>
            </tr>
          </thead>
          <tbody>
            {managers.map((m) => (
              <ManagerLoadRow key={m.staffId} manager={m} onSaved={onSaved} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ManagerLoadRow({ manager: m, onSaved }: { manager: ManagerLoad; onSaved(message: string): void }) {
  const t = useT();
  const inputId = useId();
  // The field edits a draft; a new capacity from the core (here or elsewhere) replaces it.
  const [draft, setDraft] = useState({ from: m.capacity, value: String(m.capacity) });
  if (draft.from !== m.capacity) setDraft({ from: m.capacity, value: String(m.capacity) });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const parsed = Number(draft.value);
  const valid = draft.value.trim() !== '' && Number.isInteger(parsed) && parsed >= 0 && parsed <= 1000;
  const changed = valid && parsed !== m.capacity;
  const level = m.load >= m.capacity ? 'full' : m.load >= m.capacity * 0.8 ? 'high' : 'ok';

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!changed) return;
    setSaving(true);
    setError(null);
    const result = await api['managers.setCapacity']({ staffId: m.staffId, capacity: parsed });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onSaved(t('overview.capacitySaved', { name: m.name, capacity: result.value.capacity }));
  }

  return (
    <tr data-manager-id={m.staffId} className={m.active ? undefined : 'inactive'}>
      <th scope="row">
        {m.name}
        {!m.active && <span className="muted small"> ({t('overview.inactive')})</span>}
      </th>
      <td>
        <span className={`load load-${level}`}>
          <meter
            min={0}
            max={Math.max(1, m.capacity)}
            value={Math.min(m.load, Math.max(1, m.capacity))}
            low={Math.max(1, m.capacity) * 0.8}
            high={Math.max(1, m.capacity) * 0.999}
            optimum={0}
            aria-label={t('overview.loadOf', { name: m.name, load: m.load, capacity: m.capacity })}
          />
          <span className="load-text">
            {t('load.of', { load: m.load, capacity: m.capacity })}
            {level === 'full' && <span className="warn-text"> · {t('load.atCapacity')}</span>}
          </span>
        </span>
      </td>
      <td>
        <form className="capacity-form" onSubmit={(e) => void save(e)}>
          <label htmlFor={inputId} className="visually-hidden">
            {t('overview.capacityOf', { name: m.name })}
          </label>
          <input
            id={inputId}
            type="number"
            min={0}
            max={1000}
            step={1}
            inputMode="numeric"
            value={draft.value}
            aria-invalid={!valid || undefined}
            onChange={(e) => setDraft({ from: m.capacity, value: e.target.value })}
          />
          <button type="submit" className="small-button" disabled={!changed || saving}>
            {saving ? t('overview.saving') : t('overview.saveCapacity')}
          </button>
          {error && <ErrorNote error={error} context={t('overview.capacityNotSaved')} compact />}
        </form>
      </td>
    </tr>
  );
}

function TeamSetting() {
  const t = useT();
  const hintId = useId();
  const settings = useResource('settings', () => api['settings.get']({}));
  useDataChanged((change) => change.topics.includes('settings'), settings.reload);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const on = settings.data?.offerToManagerFirst;

  async function toggle(next: boolean) {
    setSaving(true);
    setError(null);
    setSaved(null);
    const result = await api['settings.update']({ offerToManagerFirst: next });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setSaved(next ? t('overview.offerOnSaved') : t('overview.offerOffSaved'));
    settings.reload();
  }

  return (
    <section className="overview-card" aria-labelledby={`${hintId}-title`}>
      <h2 id={`${hintId}-title`}>{t('overview.settings')}</h2>
      {settings.error && <ErrorNote error={settings.error} onRetry={settings.reload} compact />}
      <label className="checkbox switch-line">
        <input
          type="checkbox"
          role="switch"
          checked={on ?? false}
          disabled={on === undefined || saving}
          aria-describedby={hintId}
          onChange={(e) => void toggle(e.target.checked)}
        />
        {t('overview.offerFirst')}
      </label>
      <p id={hintId} className="hint">
        {t('overview.offerFirstHint')}
      </p>
      <p className="calm-note" role="status">
        {saved ?? ''}
      </p>
      {error && <ErrorNote error={error} context={t('overview.settingNotSaved')} compact />}
    </section>
  );
}

function RecentChanges({ changes }: { changes: ManagerAssignment[] }) {
  const t = useT();
  const lang = useLang();
  const zone = useSession((s) => s.me?.zone) ?? systemZone();
  const openCustomer = useNav((s) => s.openCustomer);
  const headingId = useId();
  return (
    <section className="overview-card recent-changes" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('overview.recent')}</h2>
      {changes.length === 0 ? (
        <p className="muted">{t('overview.noChanges')}</p>
      ) : (
        <div className="table-wrap">
          <table className="changes-table">
            <caption className="visually-hidden">{t('overview.recentCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('overview.when')}</th>
                <th scope="col">{t('overview.customer')}</th>
                <th scope="col">{t('overview.manager')}</th>
                <th scope="col">{t('overview.change')}</th>
                <th scope="col">{t('overview.reason')}</th>
                <th scope="col">{t('overview.assignedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((a) => {
                const ended = a.endedAt !== null;
                const at = a.endedAt ?? a.startedAt;
                return (
                  <tr key={a.id} data-assignment-id={a.id} data-customer-id={a.customerId}>
                    <td>
                      <span title={formatFull(at, zone, lang)}>{formatDate(at, zone, lang)}</span>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        onClick={(e) => openCustomer(a.customerId, e.currentTarget)}
                      >
                        {a.customerName}
                      </button>
                    </td>
                    <td>{a.managerName}</td>
                    <td>
                      <span className={ended ? 'flag flag-warn' : 'flag flag-info'}>
                        {ended ? t('overview.ended') : t('overview.started')}
                      </span>
                    </td>
                    <td className="reason-cell">{ended ? endedReasonText(a.endedReason, t) : a.reason}</td>
                    <td>{a.assignedByName ?? <span className="muted">—</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
