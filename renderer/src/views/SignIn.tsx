import { useState, type FormEvent } from 'react';
import type { ApiErrorShape } from '../../../shared/contract';
import { ErrorNote } from '../components/ErrorNote';
import { LangSwitch } from '../components/LangSwitch';
import { useT } from '../i18n';
import { api } from '../transport';
import { useResource } from '../state/resource';
import { useSession } from '../state/session';

/** Choose who is working in this window. There are no passwords: the desk is trusted. */
export function SignIn() {
  const t = useT();
  const staff = useResource('staff', () => api['staff.list']({}));
  const signIn = useSession((s) => s.signIn);
  const restoreError = useSession((s) => s.restoreError);
  const [chosen, setChosen] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const people = (staff.data ?? []).filter((s) => s.active);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen === null) return;
    setBusy(true);
    setError(null);
    const failed = await signIn(chosen);
    setBusy(false);
    if (failed) setError(failed);
  }

  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <form className="sign-in-card" onSubmit={(e) => void submit(e)}>
        <div className="sign-in-head">
          <h1 id="sign-in-title">{t('app.name')}</h1>
          <LangSwitch />
        </div>
        <p className="muted">{t('signIn.intro')}</p>
        {restoreError && !staff.data && <ErrorNote error={restoreError} />}
        {staff.error && <ErrorNote error={staff.error} onRetry={staff.reload} />}
        {staff.loading && !staff.data && <p className="muted">{t('signIn.loading')}</p>}
        {people.length > 0 && (
          <fieldset className="staff-choices">
            <legend>{t('signIn.staff')}</legend>
            {people.map((person) => (
              <label key={person.id} className="staff-choice">
                <input
                  type="radio"
                  name="staff"
                  value={person.id}
                  checked={chosen === person.id}
                  onChange={() => setChosen(person.id)}
                />
                <span className="staff-name">{person.name}</span>
                <span className="staff-meta">
                  {t(`role.${person.role}`)} · {person.zone}
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {staff.data && people.length === 0 && <p>{t('signIn.nobody')}</p>}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={chosen === null || busy}>
            {busy ? t('signIn.busy') : t('signIn.submit')}
          </button>
        </div>
        {error && <ErrorNote error={error} />}
      </form>
    </main>
  );
}
