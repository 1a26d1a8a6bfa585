import { useState, type FormEvent } from 'react';
import type { ApiErrorShape } from '../../../shared/contract';
import { ErrorNote } from '../components/ErrorNote';
import { roleLabels } from '../format/labels';
import { api } from '../transport';
import { useResource } from '../state/resource';
import { useSession } from '../state/session';

/** Choose who is working in this window. There are no passwords: the desk is trusted. */
export function SignIn() {
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
        <h1 id="sign-in-title">Support Console</h1>
        <p className="muted">Choose who you are working as in this window.</p>
        {restoreError && !staff.data && <ErrorNote error={restoreError} />}
        {staff.error && <ErrorNote error={staff.error} onRetry={staff.reload} />}
        {staff.loading && !staff.data && <p className="muted">Loading staff…</p>}
        {people.length > 0 && (
          <fieldset className="staff-choices">
            <legend>Staff</legend>
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
                  {roleLabels[person.role] ?? person.role} · {person.zone}
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {staff.data && people.length === 0 && (
          <p>No active staff members yet. Ask a lead to add you, or start with demo data.</p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={chosen === null || busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
        {error && <ErrorNote error={error} />}
      </form>
    </main>
  );
}
