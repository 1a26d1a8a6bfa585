// The password inputs of signing in, changing a password and accepting an invitation: one label and
// input for a password the person has, and the new-password pair (the rule, the confirmation, the
// mismatch said where it is) for one they choose.
import { useId, useState } from 'react';
// From the plain constants, not the contract: the sign-in screen must not load zod and every schema.
import { PASSWORD_MIN_LENGTH } from '../../../shared/vocabulary';
import { useT } from '../i18n';

/** How the field takes the keyboard first: on the page (autoFocus) or when its dialog opens. */
type Focus = 'page' | 'dialog' | undefined;

function focusProps(focus: Focus) {
  if (focus === 'page') return { autoFocus: true };
  if (focus === 'dialog') return { 'data-autofocus': true };
  return {};
}

interface PasswordFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  /** The core refused this password (a wrong one, or the field it named). */
  invalid?: boolean;
  focus?: Focus;
}

/** A password the person already has: sign-in, or the current one before a change. */
export function PasswordField({ label, value, onChange, invalid, focus }: PasswordFieldProps) {
  const id = useId();
  return (
    <>
      <label className="stacked" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="password"
        autoComplete="current-password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        required
        {...focusProps(focus)}
      />
    </>
  );
}

export interface NewPassword {
  password: string;
  confirm: string;
  setPassword(value: string): void;
  setConfirm(value: string): void;
  /** The confirmation was typed and differs. */
  mismatch: boolean;
  /** Long enough and confirmed: ready to send. */
  valid: boolean;
}

/** The state of a new password and its confirmation. */
export function useNewPassword(): NewPassword {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  return {
    password,
    confirm,
    setPassword,
    setConfirm,
    mismatch: confirm !== '' && confirm !== password,
    valid: password.length >= PASSWORD_MIN_LENGTH && confirm === password,
  };
}

/** A new password, the rule it must meet, and the same password again. */
export function NewPasswordFields({ state, focus }: { state: NewPassword; focus?: Focus }) {
  const t = useT();
  const ids = { password: useId(), confirm: useId(), rules: useId() };
  return (
    <>
      <label className="stacked" htmlFor={ids.password}>
        {t('password.new')}
      </label>
      <input
        id={ids.password}
        type="password"
        autoComplete="new-password"
        minLength={PASSWORD_MIN_LENGTH}
        value={state.password}
        onChange={(e) => state.setPassword(e.target.value)}
        aria-describedby={ids.rules}
        required
        {...focusProps(focus)}
      />
      <p id={ids.rules} className="muted small">
        {t('password.rules', { min: PASSWORD_MIN_LENGTH })}
      </p>
      <label className="stacked" htmlFor={ids.confirm}>
        {t('password.confirm')}
      </label>
      <input
        id={ids.confirm}
        type="password"
        autoComplete="new-password"
        value={state.confirm}
        onChange={(e) => state.setConfirm(e.target.value)}
        aria-invalid={state.mismatch || undefined}
        required
      />
      {state.mismatch && <p className="field-error">{t('password.mismatch')}</p>}
    </>
  );
}
