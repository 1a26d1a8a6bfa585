// Changing a customer's plan from an effective time. The time is typed in the viewer's zone (the
// signed-in staff member's) with its GMT reading beside it, since the support hours are in GMT.
// The core re-evaluates the rules and returns the consequences, which the panel then shows.
import { useId, useState, type FormEvent } from 'react';
import type { ApiErrorShape, PlanChangeConsequences } from '../../../../shared/contract';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { formatFull, formatGmt, systemZone, zoneLabel } from '../../format/time';
import { useLang, useT } from '../../i18n';
import { useNow } from '../../state/clock';
import { usePlanName, useRules } from '../../state/rules';
import { useSession } from '../../state/session';
import { api } from '../../transport';
import { fromLocalInput, nextWholeHour, toLocalInput } from './time';

interface ChangePlanDialogProps {
  customer: { id: number; name: string; planId: string };
  onClose(): void;
  onChanged(consequences: PlanChangeConsequences): void;
}

export function ChangePlanDialog({ customer, onClose, onChanged }: ChangePlanDialogProps) {
  const t = useT();
  const lang = useLang();
  const zone = useSession((s) => s.me?.zone) ?? systemZone();
  const plans = useRules((s) => s.rules?.plans) ?? [];
  const planName = usePlanName();
  const now = useNow();
  const ids = { plan: useId(), when: useId(), at: useId(), reason: useId(), gmt: useId() };
  const [planId, setPlanId] = useState('');
  const [when, setWhen] = useState<'now' | 'at'>('now');
  const [at, setAt] = useState(() => toLocalInput(nextWholeHour(Date.now()), zone));
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);

  const effectiveAt = when === 'at' ? fromLocalInput(at, zone) : null;
  const timeMissing = when === 'at' && effectiveAt === null;
  const ready = planId !== '' && reason.trim() !== '' && !timeMissing && !saving;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready) return;
    setSaving(true);
    setError(null);
    const result = await api['customers.changePlan']({
      customerId: customer.id,
      planId,
      reason: reason.trim(),
      ...(effectiveAt !== null ? { effectiveAt } : {}),
    });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onChanged(result.value);
  }

  return (
    <Dialog
      title={t('plan.changeTitle', { name: customer.name })}
      onClose={onClose}
      className="plan-dialog"
      description={t('plan.changeIntro')}
    >
      <form className="accounts-form" onSubmit={(e) => void submit(e)}>
        <p className="small">
          {t('plan.current')} <strong>{planName(customer.planId)}</strong>
        </p>
        <label className="stacked" htmlFor={ids.plan}>
          {t('plan.newPlan')}
        </label>
        <select
          id={ids.plan}
          value={planId}
          onChange={(e) => setPlanId(e.target.value)}
          required
          data-autofocus
        >
          <option value="">{t('plan.choose')}</option>
          {plans
            .filter((p) => p.id !== customer.planId)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {planName(p.id)}
              </option>
            ))}
        </select>
        <fieldset className="when-choices">
          <legend>{t('plan.effective')}</legend>
          <label className="checkbox">
            <input type="radio" name={ids.when} checked={when === 'now'} onChange={() => setWhen('now')} />
            {t('plan.now')}
          </label>
          <label className="checkbox">
            <input type="radio" name={ids.when} checked={when === 'at'} onChange={() => setWhen('at')} />
            {t('plan.at')}
          </label>
          {when === 'at' && (
            <div className="when-at">
              <label className="stacked" htmlFor={ids.at}>
                {t('plan.atLabel', { zone, label: zoneLabel(zone, lang, now) })}
              </label>
              <input
                id={ids.at}
                type="datetime-local"
                value={at}
                onChange={(e) => setAt(e.target.value)}
                aria-describedby={ids.gmt}
                aria-invalid={timeMissing || undefined}
                required
              />
              <p id={ids.gmt} className="muted small" aria-live="polite">
                {effectiveAt === null
                  ? t('plan.atMissing')
                  : t('plan.atGmt', {
                      full: formatFull(effectiveAt, zone, lang),
                      gmt: formatGmt(effectiveAt, lang, now, true),
                    })}
              </p>
            </div>
          )}
        </fieldset>
        <label className="stacked" htmlFor={ids.reason}>
          {t('plan.reason')}
        </label>
        <textarea
          id={ids.reason}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={2}
          maxLength={500}
          required
        />
        <p className="muted small">{t('plan.nothingDeleted')}</p>
        {error && <ErrorNote error={error} context={t('plan.notSaved')} />}
        <p className="popover-actions">
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!ready}>
            {saving ? t('plan.saving') : when === 'at' ? t('plan.schedule') : t('plan.submit')}
          </button>
        </p>
      </form>
    </Dialog>
  );
}
