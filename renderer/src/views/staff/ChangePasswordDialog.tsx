// Changing one's own password: the current one is asked for (unless none was ever set, on one
// machine), the new one twice. The core ends the person's other sessions.
import { useId, useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH, type ApiErrorShape } from '../../../../shared/contract';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';
import { useNav } from '../../state/nav';
import { useSession } from '../../state/session';
import { api } from '../../transport';

export function ChangePasswordDialog() {
  const t = useT();
  const me = useSession((s) => s.me);
  const recheck = useSession((s) => s.recheck);
  const close = useNav((s) => s.closeDialog);
  const ids = { current: useId(), next: useId(), confirm: useId(), rules: useId() };
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const hasPassword = me?.hasPassword === true;
  const mismatch = confirm !== '' && confirm !== next;
  const ready =
    (!hasPassword || current !== '') && next.length >= PASSWORD_MIN_LENGTH && confirm === next && !saving;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready) return;
    setSaving(true);
    setError(null);
    const result = await api['session.changePassword']({ currentPassword: current, newPassword: next });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setDone(true);
    await recheck();
  }

  return (
    <Dialog
      title={t('password.changeTitle')}
      onClose={close}
      className="password-dialog"
      description={hasPassword ? t('password.changeIntro') : t('password.firstIntro')}
    >
      {done ? (
        <div className="password-form">
          <p className="notice" role="status">
            {t('password.changed')}
          </p>
          <p className="popover-actions">
            <button type="button" className="primary" onClick={close} data-autofocus>
              {t('action.done')}
            </button>
          </p>
        </div>
      ) : (
        <form className="password-form" onSubmit={(e) => void submit(e)}>
          {hasPassword && (
            <>
              <label className="stacked" htmlFor={ids.current}>
                {t('password.current')}
              </label>
              <input
                id={ids.current}
                type="password"
                autoComplete="current-password"
                value={current}
                onChange={(e) => setCurrent(e.target.value)}
                aria-invalid={error?.field === 'currentPassword' || undefined}
                required
                data-autofocus
              />
            </>
          )}
          <label className="stacked" htmlFor={ids.next}>
            {t('password.new')}
          </label>
          <input
            id={ids.next}
            type="password"
            autoComplete="new-password"
            minLength={PASSWORD_MIN_LENGTH}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            aria-describedby={ids.rules}
            required
            {...(hasPassword ? {} : { 'data-autofocus': true })}
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
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            aria-invalid={mismatch || undefined}
            required
          />
          {mismatch && <p className="field-error">{t('password.mismatch')}</p>}
          {error && <ErrorNote error={error} context={t('password.notChanged')} />}
          <p className="popover-actions">
            <button type="button" onClick={close}>
              {t('action.cancel')}
            </button>
            <button type="submit" className="primary" disabled={!ready}>
              {saving ? t('password.saving') : t('password.save')}
            </button>
          </p>
        </form>
      )}
    </Dialog>
  );
}
