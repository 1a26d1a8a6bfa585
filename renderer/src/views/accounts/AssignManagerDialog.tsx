// Assigning (or reassigning) a personal manager: the core's suggestion comes pre-selected with why,
// the other account managers are listed with their load against capacity, and the reason is kept in
// the assignment's history. The core refuses what the rules or capacity do not allow; its words are
// shown here, in the dialog where the lead acted.
import { useId, useState, type FormEvent } from 'react';
import type { ApiErrorShape, ManagerAssignment, ManagerLoad } from '../../../../shared/contract';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';
import { useResource } from '../../state/resource';
import { api } from '../../transport';

interface AssignManagerDialogProps {
  customer: { id: number; name: string };
  /** The manager now, when this is a reassignment. */
  currentManagerName: string | null;
  /** Pre-filled reason; the lead can change it. */
  defaultReason: string;
  onClose(): void;
  onAssigned(assignment: ManagerAssignment): void;
}

export function AssignManagerDialog({
  customer,
  currentManagerName,
  defaultReason,
  onClose,
  onAssigned,
}: AssignManagerDialogProps) {
  const t = useT();
  const reasonId = useId();
  const suggest = useResource(`manager-suggest:${customer.id}`, () =>
    api['managers.suggest']({ customerId: customer.id }),
  );
  const [chosen, setChosen] = useState<number | null>(null);
  const [reason, setReason] = useState(defaultReason);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);

  const data = suggest.data;
  const suggestion = data?.suggestion ?? null;
  // Until the lead picks someone else, the suggestion is the choice.
  const selected = chosen ?? suggestion?.staffId ?? null;
  const full = (m: ManagerLoad) => m.load >= m.capacity;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (selected === null || reason.trim() === '') return;
    setSaving(true);
    setError(null);
    const result = await api['managers.assign']({
      customerId: customer.id,
      managerId: selected,
      reason: reason.trim(),
    });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onAssigned(result.value);
  }

  return (
    <Dialog
      title={t('assign.title', { name: customer.name })}
      onClose={onClose}
      className="assign-dialog"
      description={
        currentManagerName
          ? t('assign.introReassign', { name: currentManagerName })
          : t('assign.intro', { name: customer.name })
      }
    >
      <form className="accounts-form" onSubmit={(e) => void submit(e)}>
        {suggest.error && <ErrorNote error={suggest.error} onRetry={suggest.reload} />}
        {!data && suggest.loading && (
          <p className="muted" role="status">
            {t('assign.loading')}
          </p>
        )}
        {data && (
          <>
            <p className={suggestion ? 'suggestion-reason' : 'suggestion-reason none'} role="note">
              {suggestion
                ? t('assign.suggestionReason', {
                    name: suggestion.name,
                    load: suggestion.load,
                    capacity: suggestion.capacity,
                  })
                : t('assign.noSuggestion')}
            </p>
            <fieldset className="manager-choices">
              <legend>{t('assign.managers')}</legend>
              {data.candidates.length === 0 && <p className="muted">{t('assign.noCandidates')}</p>}
              {data.candidates.map((m) => {
                const atCapacity = full(m);
                const isSuggestion = m.staffId === suggestion?.staffId;
                return (
                  <label
                    key={m.staffId}
                    className={atCapacity ? 'manager-choice at-capacity' : 'manager-choice'}
                    data-manager-id={m.staffId}
                  >
                    <input
                      type="radio"
                      name={`manager-${customer.id}`}
                      value={m.staffId}
                      checked={selected === m.staffId}
                      disabled={atCapacity}
                      onChange={() => setChosen(m.staffId)}
                    />
                    <span className="manager-choice-name">
                      {m.name}
                      {isSuggestion && <span className="flag flag-info">{t('assign.suggested')}</span>}
                    </span>
                    <span className="manager-choice-load">
                      {t('load.of', { load: m.load, capacity: m.capacity })}
                      {atCapacity && <span className="warn-text"> · {t('load.atCapacity')}</span>}
                    </span>
                  </label>
                );
              })}
            </fieldset>
          </>
        )}
        <ReasonField id={reasonId} value={reason} onChange={setReason} />
        {error && <ErrorNote error={error} context={t('assign.notSaved')} />}
        <p className="popover-actions">
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <button
            type="submit"
            className="primary"
            disabled={saving || selected === null || reason.trim() === ''}
          >
            {saving ? t('assign.saving') : t('assign.submit')}
          </button>
        </p>
      </form>
    </Dialog>
  );
}

interface UnassignDialogProps {
  customer: { id: number; name: string };
  managerName: string;
  onClose(): void;
  onUnassigned(assignment: ManagerAssignment): void;
}

/** Ending an assignment: it stays in the history with the reason given here. */
export function UnassignDialog({ customer, managerName, onClose, onUnassigned }: UnassignDialogProps) {
  const t = useT();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim() === '') return;
    setSaving(true);
    setError(null);
    const result = await api['managers.unassign']({ customerId: customer.id, reason: reason.trim() });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onUnassigned(result.value);
  }

  return (
    <Dialog
      title={t('unassign.title', { name: customer.name })}
      onClose={onClose}
      className="assign-dialog"
      description={t('unassign.intro', { manager: managerName, name: customer.name })}
    >
      <form className="accounts-form" onSubmit={(e) => void submit(e)}>
        <ReasonField id={reasonId} value={reason} onChange={setReason} />
        {error && <ErrorNote error={error} context={t('unassign.notSaved')} />}
        <p className="popover-actions">
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <button type="submit" className="primary" disabled={saving || reason.trim() === ''}>
            {saving ? t('assign.saving') : t('unassign.submit')}
          </button>
        </p>
      </form>
    </Dialog>
  );
}

/** The "why" every assignment change records in the history. */
function ReasonField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const t = useT();
  return (
    <>
      <label className="stacked" htmlFor={id}>
        {t('assign.reason')}
      </label>
      <textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={2}
        maxLength={500}
        required
        data-autofocus
      />
    </>
  );
}
