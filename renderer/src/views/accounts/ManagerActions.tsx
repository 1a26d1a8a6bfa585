// The customer panel's personal-manager extras: for a lead on a customer whose plan has a personal
// manager, assign / reassign / unassign; for everyone, who managed the customer, from when to when,
// and why (managers.history). The manager's name itself is the panel's own line above this.
import { useState } from 'react';
import type { CustomerDetail, ManagerAssignment } from '../../../../shared/contract';
import { ErrorNote } from '../../components/ErrorNote';
import { formatDate, formatFull, systemZone } from '../../format/time';
import { useLang, useT, type Translate } from '../../i18n';
import { useDataChanged } from '../../state/live';
import { useResource } from '../../state/resource';
import { useSession } from '../../state/session';
import { api } from '../../transport';
import { canAssign } from './access';
import { AssignManagerDialog, UnassignDialog } from './AssignManagerDialog';
import './accounts.css';

type Open = 'assign' | 'unassign' | null;

/**
 * Why an assignment ended. The core writes "plan changed" itself when a plan change ends it; that
 * one is translated, while reasons people typed are shown as they wrote them.
 */
export function endedReasonText(reason: string | null, t: Translate): string {
  if (reason === null || reason.trim() === '') return t('manager.noReason');
  return reason === 'plan changed' ? t('manager.reasonPlanChanged') : reason;
}

export function ManagerActions({ detail }: { detail: CustomerDetail }) {
  const t = useT();
  const me = useSession((s) => s.me);
  const { customer, manager, entitlements } = detail;
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<string | null>(null);
  const history = useResource(`manager-history:${customer.id}`, () =>
    api['managers.history']({ customerId: customer.id }),
  );
  useDataChanged(
    (change) =>
      change.customerIds.includes(customer.id) ||
      (change.customerIds.length === 0 && change.topics.includes('assignments')),
    history.reload,
  );

  const lead = canAssign(me);
  const entitled = entitlements.personalManager.entitled;
  const who = { id: customer.id, name: customer.name };

  function finished(message: string) {
    setOpen(null);
    setDone(message);
    history.reload();
  }

  return (
    <div className="manager-extras">
      {lead && (entitled || manager) && (
        <p className="manager-actions">
          {entitled && (
            <button
              type="button"
              className={manager ? 'small-button' : 'small-button primary'}
              onClick={() => {
                setDone(null);
                setOpen('assign');
              }}
            >
              {manager ? t('manager.reassign') : t('manager.assign')}
            </button>
          )}
          {manager && (
            <button
              type="button"
              className="small-button"
              onClick={() => {
                setDone(null);
                setOpen('unassign');
              }}
            >
              {t('manager.unassign')}
            </button>
          )}
        </p>
      )}
      {done && (
        <p className="calm-note" role="status">
          {done}
        </p>
      )}
      {history.error && <ErrorNote error={history.error} onRetry={history.reload} compact />}
      {history.data && history.data.length > 0 && <ManagerHistory entries={history.data} />}
      {open === 'assign' && (
        <AssignManagerDialog
          customer={who}
          currentManagerName={manager?.name ?? null}
          defaultReason={manager ? '' : t('assign.defaultReason')}
          onClose={() => setOpen(null)}
          onAssigned={(a) =>
            finished(t('manager.assigned', { manager: a.managerName, name: a.customerName }))
          }
        />
      )}
      {open === 'unassign' && manager && (
        <UnassignDialog
          customer={who}
          managerName={manager.name}
          onClose={() => setOpen(null)}
          onUnassigned={(a) => finished(t('manager.unassigned', { manager: a.managerName }))}
        />
      )}
    </div>
  );
}

/** Newest first, as the core returns them; an open assignment reads "since", an ended one "until". */
export function ManagerHistory({ entries }: { entries: ManagerAssignment[] }) {
  const t = useT();
  const lang = useLang();
  const zone = useSession((s) => s.me?.zone) ?? systemZone();
  return (
    <div className="manager-history">
      <h4 className="subheading">{t('manager.history')}</h4>
      <ol className="history-list">
        {entries.map((a) => (
          <li key={a.id} className={a.endedAt === null ? 'history-item current' : 'history-item ended'}>
            <span className="history-who">{a.managerName}</span>
            <span className="history-when">
              <span title={formatFull(a.startedAt, zone, lang)}>{formatDate(a.startedAt, zone, lang)}</span>
              {' – '}
              {a.endedAt === null ? (
                t('manager.now')
              ) : (
                <span title={formatFull(a.endedAt, zone, lang)}>{formatDate(a.endedAt, zone, lang)}</span>
              )}
            </span>
            <span className="history-why muted small">
              {t('manager.why', { reason: a.reason })}
              {a.assignedByName && ` · ${t('manager.by', { name: a.assignedByName })}`}
            </span>
            {a.endedAt !== null && (
              <span className="history-ended small">
                {t('manager.ended', { reason: endedReasonText(a.endedReason, t) })}
              </span>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
