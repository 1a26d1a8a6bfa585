// Changing one's own password: the current one is asked for (unless none was ever set, on one
// machine), the new one twice. The core ends the person's other sessions.
import { useState, type FormEvent } from 'react';
import type { ApiErrorShape } from '../../../../shared/contract';
import { NewPasswordFields, PasswordField, useNewPassword } from '../../components/PasswordField';
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
  const [current, setCurrent] = useState('');
  const next = useNewPassword();
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const hasPassword = me?.hasPassword === true;
  const ready = (!hasPassword || current !== '') && next.valid && !saving;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready) return;
    setSaving(true);
    setError(null);
    const result = await api['session.changePassword']({
      currentPassword: current,
      newPassword: next.password,
    });
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
            <PasswordField
              label={t('password.current')}
              value={current}
              onChange={setCurrent}
              invalid={error?.field === 'currentPassword'}
              focus="dialog"
            />
          )}
          <NewPasswordFields state={next} focus={hasPassword ? undefined : 'dialog'} />
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
