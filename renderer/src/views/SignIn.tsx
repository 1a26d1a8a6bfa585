import { useId, useState, type FormEvent } from 'react';
import type { ApiErrorShape, StaffMember } from '../../../shared/contract';
import { ErrorNote } from '../components/ErrorNote';
import { LangSwitch } from '../components/LangSwitch';
import { useT } from '../i18n';
import { api } from '../transport';
import { useResource } from '../state/resource';
import { useSession } from '../state/session';
import { PasswordField } from '../components/PasswordField';

/**
 * Who is working in this window. On a team server everyone signs in with e-mail and password; on
 * one machine staff are picked from the list, and those who set a password give it too.
 */
export function SignIn() {
  const t = useT();
  const options = useResource('signInOptions', () => api['session.signInOptions']({}));
  const restoreError = useSession((s) => s.restoreError);
  const invitedEmail = useSession((s) => s.invitedEmail);

  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <div className="sign-in-card">
        <div className="sign-in-head">
          <h1 id="sign-in-title">{t('app.name')}</h1>
          <LangSwitch />
        </div>
        {invitedEmail && (
          <p className="notice" role="status">
            {t('signIn.accountReady')}
          </p>
        )}
        {restoreError && !invitedEmail && <ErrorNote error={restoreError} />}
        {options.error && <ErrorNote error={options.error} onRetry={options.reload} />}
        {options.loading && !options.data && <p className="muted">{t('signIn.loading')}</p>}
        {options.data?.mode === 'password' && <PasswordSignIn initialEmail={invitedEmail ?? ''} />}
        {options.data?.mode === 'picker' && <PickerSignIn />}
      </div>
    </main>
  );
}

function PasswordSignIn({ initialEmail }: { initialEmail: string }) {
  const t = useT();
  const signIn = useSession((s) => s.signInWithPassword);
  const emailId = useId();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim() || !password) return;
    setBusy(true);
    setError(null);
    const failed = await signIn(email.trim(), password);
    setBusy(false);
    if (failed) {
      setError(failed);
      setPassword('');
    }
  }

  return (
    <form className="sign-in-form" onSubmit={(e) => void submit(e)}>
      <p className="muted">{t('signIn.passwordIntro')}</p>
      <label className="stacked" htmlFor={emailId}>
        {t('signIn.email')}
      </label>
      <input
        id={emailId}
        type="email"
        autoComplete="username"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        required
        autoFocus={initialEmail === ''}
      />
      <PasswordField
        label={t('signIn.password')}
        value={password}
        onChange={setPassword}
        invalid={error?.code === 'wrong_password'}
        focus={initialEmail !== '' ? 'page' : undefined}
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !email.trim() || !password}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </div>
      {error && <ErrorNote error={error} />}
    </form>
  );
}

function PickerSignIn() {
  const t = useT();
  const staff = useResource('staff', () => api['staff.list']({}));
  const signIn = useSession((s) => s.signIn);
  const [chosen, setChosen] = useState<StaffMember | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const people = (staff.data ?? []).filter((s) => s.active);
  const needsPassword = chosen?.hasPassword === true;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen === null || (needsPassword && !password)) return;
    setBusy(true);
    setError(null);
    const failed = await signIn(chosen.id, needsPassword ? password : undefined);
    setBusy(false);
    if (failed) {
      setError(failed);
      setPassword('');
    }
  }

  return (
    <form className="sign-in-form" onSubmit={(e) => void submit(e)}>
      <p className="muted">{t('signIn.intro')}</p>
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
                checked={chosen?.id === person.id}
                onChange={() => {
                  setChosen(person);
                  setPassword('');
                  setError(null);
                }}
              />
              <span className="staff-name">{person.name}</span>
              <span className="staff-meta">
                {t(`role.${person.role}`)} · {person.zone}
                {person.hasPassword && <> · {t('signIn.hasPassword')}</>}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {staff.data && people.length === 0 && <p>{t('signIn.nobody')}</p>}
      {needsPassword && chosen && (
        <PasswordField
          label={t('signIn.passwordFor', { name: chosen.name })}
          value={password}
          onChange={setPassword}
          invalid={error?.code === 'wrong_password'}
        />
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="primary"
          disabled={chosen === null || busy || (needsPassword && !password)}
        >
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </div>
      {error && <ErrorNote error={error} />}
    </form>
  );
}
