// The lead's Staff section: everyone who can sign in with their role and standing, invitations to
// create and withdraw, role changes and deactivation. The core checks every step again and audits
// it; this view only offers what a lead can do.
import { useId, useState, type FormEvent } from 'react';
import type { ApiErrorShape, InvitationSummary, StaffAccount } from '../../../../shared/contract';
import type { RoleId } from '../../../../shared/domain';
import { roleIds } from '../../../../shared/vocabulary';
import { ErrorNote } from '../../components/ErrorNote';
import { formatFull, systemZone } from '../../format/time';
import { useLang, useT } from '../../i18n';
import { useDataChanged } from '../../state/live';
import { useResource } from '../../state/resource';
import { useSession } from '../../state/session';
import { api } from '../../transport';
import './staff.css';

export function StaffSection() {
  const t = useT();
  const accounts = useResource('staff.accounts', () => api['staff.accounts']({}));
  useDataChanged((change) => change.topics.includes('staff'), accounts.reload);
  const [status, setStatus] = useState<string | null>(null);

  return (
    <section className="staff-section" aria-labelledby="staff-title">
      <h1 id="staff-title">{t('staff.title')}</h1>
      <p className="muted">{t('staff.intro')}</p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {status ?? ''}
      </p>
      {accounts.error && <ErrorNote error={accounts.error} onRetry={accounts.reload} />}
      {accounts.data && (
        <StaffTable staff={accounts.data.staff} onChanged={setStatus} reload={accounts.reload} />
      )}
      <div className="staff-columns">
        <InviteForm onInvited={accounts.reload} />
        {accounts.data && <Invitations invitations={accounts.data.invitations} reload={accounts.reload} />}
      </div>
    </section>
  );
}

function StaffTable({
  staff,
  onChanged,
  reload,
}: {
  staff: StaffAccount[];
  onChanged(message: string): void;
  reload(): void;
}) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="staff-table">
        <thead>
          <tr>
            <th scope="col">{t('staff.name')}</th>
            <th scope="col">{t('staff.email')}</th>
            <th scope="col">{t('staff.role')}</th>
            <th scope="col">{t('staff.status')}</th>
            <th scope="col">{t('staff.lastSignIn')}</th>
            <th scope="col">{t('staff.sessions')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('staff.deactivate')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {staff.map((person) => (
            <StaffRow key={person.id} person={person} onChanged={onChanged} reload={reload} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StaffRow({
  person,
  onChanged,
  reload,
}: {
  person: StaffAccount;
  onChanged(message: string): void;
  reload(): void;
}) {
  const t = useT();
  const lang = useLang();
  const me = useSession((s) => s.me);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const isMe = me?.id === person.id;
  const zone = me?.zone ?? systemZone();

  async function setRole(role: RoleId) {
    setBusy(true);
    setError(null);
    const result = await api['staff.setRole']({ staffId: person.id, role });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onChanged(t('staff.roleChanged', { name: person.name, role: t(`role.${role}`) }));
    reload();
  }

  async function setActive(active: boolean) {
    setBusy(true);
    setError(null);
    const result = await api['staff.setActive']({ staffId: person.id, active });
    setBusy(false);
    setConfirming(false);
    if (!result.ok) return setError(result.error);
    onChanged(t(active ? 'staff.reactivated' : 'staff.deactivated', { name: person.name }));
    reload();
  }

  const standing = !person.active
    ? t('staff.inactive')
    : person.lockedUntil !== null
      ? t('staff.lockedUntil', { time: formatFull(person.lockedUntil, zone, lang) })
      : person.hasPassword
        ? t('staff.active')
        : t('staff.noPassword');

  return (
    <>
      <tr className={person.active ? undefined : 'staff-inactive'} data-staff-id={person.id}>
        <th scope="row">
          {person.name} {isMe && <span className="muted">{t('staff.you')}</span>}
        </th>
        <td>{person.email}</td>
        <td>
          <select
            aria-label={t('staff.roleOf', { name: person.name })}
            value={person.role}
            disabled={busy}
            onChange={(e) => void setRole(e.target.value as RoleId)}
          >
            {roleIds.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        </td>
        <td>{standing}</td>
        <td>
          {person.lastSignedInAt === null ? t('staff.never') : formatFull(person.lastSignedInAt, zone, lang)}
        </td>
        <td>{t('staff.sessionsOpen', { count: person.openSessions })}</td>
        <td className="staff-actions">
          {person.active ? (
            !isMe &&
            (confirming ? (
              <span className="staff-confirm" role="group" aria-label={t('staff.deactivate')}>
                <span>{t('staff.deactivateConfirm', { name: person.name })}</span>
                <button
                  type="button"
                  className="small-button danger"
                  onClick={() => void setActive(false)}
                  autoFocus
                >
                  {t('staff.deactivate')}
                </button>
                <button type="button" className="small-button" onClick={() => setConfirming(false)}>
                  {t('action.cancel')}
                </button>
              </span>
            ) : (
              <button
                type="button"
                className="small-button"
                disabled={busy}
                onClick={() => setConfirming(true)}
                aria-label={`${t('staff.deactivate')} ${person.name}`}
              >
                {t('staff.deactivate')}
              </button>
            ))
          ) : (
            <button
              type="button"
              className="small-button"
              disabled={busy}
              onClick={() => void setActive(true)}
              aria-label={`${t('staff.reactivate')} ${person.name}`}
            >
              {t('staff.reactivate')}
            </button>
          )}
        </td>
      </tr>
      {error && (
        <tr>
          <td colSpan={7}>
            <ErrorNote error={error} compact context={t('staff.notSaved')} />
          </td>
        </tr>
      )}
    </>
  );
}

/** The link the invitee opens: this console's address with the token in the fragment. */
function invitationLink(token: string): string {
  const { origin, pathname, search } = window.location;
  return `${origin}${pathname}${search}#/invite/${token}`;
}

function InviteForm({ onInvited }: { onInvited(): void }) {
  const t = useT();
  const lang = useLang();
  const me = useSession((s) => s.me);
  const ids = { email: useId(), name: useId(), role: useId(), zone: useId(), link: useId() };
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<RoleId>('agent');
  const [zone, setZone] = useState(me?.zone ?? systemZone());
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const [created, setCreated] = useState<{ link: string; invitation: InvitationSummary } | null>(null);
  const [copied, setCopied] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    setCreated(null);
    setCopied(false);
    const result = await api['staff.invite']({
      email: email.trim(),
      name: name.trim(),
      role,
      zone: zone.trim(),
    });
    setSaving(false);
    if (!result.ok) return setError(result.error);
    setCreated({ link: invitationLink(result.value.token), invitation: result.value.invitation });
    setEmail('');
    setName('');
    onInvited();
  }

  async function copy(link: string) {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // No clipboard permission: the link stays selected in its field to copy by hand.
    }
  }

  return (
    <form className="staff-invite" onSubmit={(e) => void submit(e)} aria-labelledby={`${ids.email}-title`}>
      <h2 id={`${ids.email}-title`}>{t('staff.inviteTitle')}</h2>
      <label className="stacked" htmlFor={ids.email}>
        {t('staff.email')}
      </label>
      <input id={ids.email} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      <label className="stacked" htmlFor={ids.name}>
        {t('staff.name')}
      </label>
      <input
        id={ids.name}
        type="text"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        maxLength={120}
      />
      <label className="stacked" htmlFor={ids.role}>
        {t('staff.role')}
      </label>
      <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as RoleId)}>
        {roleIds.map((r) => (
          <option key={r} value={r}>
            {t(`role.${r}`)}
          </option>
        ))}
      </select>
      <label className="stacked" htmlFor={ids.zone}>
        {t('staff.zone')}
      </label>
      <input id={ids.zone} type="text" value={zone} onChange={(e) => setZone(e.target.value)} required />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving || !email.trim() || !name.trim()}>
          {saving ? t('staff.inviting') : t('staff.inviteSubmit')}
        </button>
      </div>
      {error && <ErrorNote error={error} context={t('staff.inviteNotCreated')} />}
      {created && (
        <div className="staff-link" role="status">
          <label className="stacked" htmlFor={ids.link}>
            {t('staff.inviteLink', { name: created.invitation.name })}
          </label>
          <input
            id={ids.link}
            type="text"
            readOnly
            value={created.link}
            onFocus={(e) => e.target.select()}
            autoFocus
          />
          <p className="muted small">
            {t('staff.inviteLinkHelp', {
              email: created.invitation.email,
              time: formatFull(created.invitation.expiresAt, me?.zone ?? systemZone(), lang),
            })}
          </p>
          <button type="button" onClick={() => void copy(created.link)}>
            {t('staff.copy')}
          </button>
          {copied && <span className="muted small"> {t('staff.copied')}</span>}
        </div>
      )}
    </form>
  );
}

function Invitations({ invitations, reload }: { invitations: InvitationSummary[]; reload(): void }) {
  const t = useT();
  const lang = useLang();
  const zone = useSession((s) => s.me?.zone) ?? systemZone();
  const [error, setError] = useState<ApiErrorShape | null>(null);

  async function withdraw(id: number) {
    setError(null);
    const result = await api['staff.revokeInvitation']({ invitationId: id });
    if (!result.ok) return setError(result.error);
    reload();
  }

  const shown = invitations.filter((i) => i.status !== 'revoked');
  return (
    <section className="staff-invitations" aria-labelledby="staff-invitations-title">
      <h2 id="staff-invitations-title">{t('staff.invitations')}</h2>
      {shown.length === 0 && <p className="muted">{t('staff.noInvitations')}</p>}
      <ul>
        {shown.map((invitation) => (
          <li key={invitation.id}>
            <strong>{invitation.name}</strong> · {invitation.email} · {t(`role.${invitation.role}`)}
            <br />
            <span className="muted small">
              {t(`staff.invitation.${invitation.status}`)} ·{' '}
              {invitation.invitedByName && <>{t('staff.invitedBy', { name: invitation.invitedByName })} · </>}
              {t('staff.expiresAt', { time: formatFull(invitation.expiresAt, zone, lang) })}
            </span>{' '}
            {invitation.status === 'pending' && (
              <button
                type="button"
                className="small-button"
                onClick={() => void withdraw(invitation.id)}
                aria-label={`${t('staff.withdraw')} ${invitation.name}`}
              >
                {t('staff.withdraw')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && <ErrorNote error={error} compact context={t('staff.notSaved')} />}
    </section>
  );
}
