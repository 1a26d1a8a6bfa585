// The page an invitation link opens (#/invite/<token>): who was invited, and a password to choose.
// The token stays in the address's fragment, which browsers never send to a server or a referrer.
import { useState, type FormEvent } from 'react';
import type { ApiErrorShape } from '../../../../shared/contract';
import { NewPasswordFields, useNewPassword } from '../../components/PasswordField';
import { ErrorNote } from '../../components/ErrorNote';
import { LangSwitch } from '../../components/LangSwitch';
import { formatFull, systemZone } from '../../format/time';
import { useLang, useT } from '../../i18n';
import { useResource } from '../../state/resource';
import { useSession } from '../../state/session';
import { api } from '../../transport';

export function AcceptInvitation({ token, onDone }: { token: string; onDone(): void }) {
  const t = useT();
  const lang = useLang();
  const invitation = useResource(`invitation:${token}`, () => api['staff.invitation']({ token }));
  const setInvitedEmail = useSession((s) => s.setInvitedEmail);
  const chosen = useNewPassword();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const ready = chosen.valid && !saving;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready) return;
    setSaving(true);
    setError(null);
    const result = await api['staff.acceptInvitation']({ token, password: chosen.password });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setInvitedEmail(result.value.email);
    onDone();
  }

  const data = invitation.data;
  return (
    <main className="sign-in" aria-labelledby="invite-title">
      <div className="sign-in-card">
        <div className="sign-in-head">
          <h1 id="invite-title">{t('invite.title')}</h1>
          <LangSwitch />
        </div>
        {invitation.loading && !data && <p className="muted">{t('invite.checking')}</p>}
        {invitation.error && (
          <>
            <ErrorNote error={invitation.error} />
            <div className="form-actions">
              <button type="button" onClick={onDone}>
                {t('invite.toSignIn')}
              </button>
            </div>
          </>
        )}
        {data && (
          <form className="sign-in-form" onSubmit={(e) => void submit(e)}>
            <p>{t('invite.intro', { name: data.name, role: t(`role.${data.role}`), email: data.email })}</p>
            <p className="muted small">
              {t('invite.expires', { time: formatFull(data.expiresAt, systemZone(), lang) })}
            </p>
            <input type="email" hidden readOnly autoComplete="username" value={data.email} />
            <NewPasswordFields state={chosen} focus="page" />
            <div className="form-actions">
              <button type="submit" className="primary" disabled={!ready}>
                {saving ? t('invite.accepting') : t('invite.accept')}
              </button>
            </div>
            {error && <ErrorNote error={error} context={t('invite.notAccepted')} />}
          </form>
        )}
      </div>
    </main>
  );
}
