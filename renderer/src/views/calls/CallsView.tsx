// The Calls section: call requests and booked calls (calls.list) or the calendar, with the chosen
// call's detail beside them. Refetches when the core says calls changed.
import type { CallSummary } from '../../../../shared/contract';
import { ErrorNote } from '../../components/ErrorNote';
import { useLang, useT } from '../../i18n';
import { useDataChanged } from '../../state/live';
import { useResource } from '../../state/resource';
import { useSession } from '../../state/session';
import { api } from '../../transport';
import { CallCalendar } from './CallCalendar';
import { CallDetail } from './CallDetail';
import { useCallsNav } from './callsNav';
import { formatDate, formatWhen, timesInZones } from '../../format/time';
import { useNow } from '../../state/clock';
import './calls.css';
import { usePlanName } from '../../state/rules';

export function CallsView() {
  const t = useT();
  const tab = useCallsNav((s) => s.tab);
  const setTab = useCallsNav((s) => s.setTab);
  const callId = useCallsNav((s) => s.callId);
  const open = useCallsNav((s) => s.open);

  return (
    <div className={callId !== null ? 'calls-view with-call' : 'calls-view'}>
      <div className="calls-main">
        <div className="calls-tabs button-row" role="group" aria-label={t('section.calls')}>
          {(['list', 'calendar'] as const).map((k) => (
            <button key={k} type="button" aria-pressed={tab === k} onClick={() => setTab(k)}>
              {t(k === 'list' ? 'calls.tab.list' : 'calls.tab.calendar')}
            </button>
          ))}
        </div>
        {tab === 'list' ? <CallList /> : <CallCalendar />}
      </div>
      <div className="calls-side">
        {callId !== null ? (
          <CallDetail key={callId} callId={callId} onClose={() => open(null)} />
        ) : (
          <p className="muted">{t('calls.pick')}</p>
        )}
      </div>
    </div>
  );
}

function CallList() {
  const t = useT();
  const planName = usePlanName();
  const lang = useLang();
  const callId = useCallsNav((s) => s.callId);
  const open = useCallsNav((s) => s.open);
  const zone = useSession((s) => s.me?.zone) ?? 'UTC';
  const now = useNow();
  const res = useResource('calls:open', () =>
    api['calls.list']({ statuses: ['requested', 'scheduled'], limit: 200 }),
  );
  useDataChanged((c) => c.topics.includes('calls'), res.reload);
  if (res.error && !res.data) return <ErrorNote error={res.error} onRetry={res.reload} />;
  if (!res.data) return <p role="status">{t('app.loading')}</p>;
  if (res.data.length === 0) return <p>{t('calls.empty')}</p>;
  // The viewer's time with its date, then GMT only when it reads differently.
  const when = (c: CallSummary) => {
    if (c.startsAt === null || c.endsAt === null) return '';
    const gmt = timesInZones(c.startsAt, c.endsAt, [zone, 'UTC'], lang)[1];
    const local = formatWhen(c.startsAt, c.endsAt, zone, lang, now);
    return gmt ? `${local} · ${gmt.time} ${gmt.zone}` : local;
  };
  return (
    <ul className="call-list" aria-label={t('calls.tab.list')}>
      {res.data.map((c) => (
        <li key={c.id}>
          <button
            type="button"
            className="call-row"
            aria-current={callId === c.id ? 'true' : undefined}
            onClick={() => open(c.id)}
          >
            <span className="call-row-name">{c.customerName}</span>
            <span className={`call-status status-${c.status}`}>{t(`calls.status.${c.status}`)}</span>
            {c.flaggedForReview && (
              <span className="call-status status-flagged">{t('calls.flagged').split(':')[0]}</span>
            )}
            <span className="call-row-subject">{c.subject}</span>
            <span className="muted">
              {t('calls.requestedOn', { date: formatDate(c.createdAt, zone, lang, now) })} ·{' '}
              {planName(c.planId)} · {c.toolName}
              {c.agentName ? ` · ${c.agentName}` : ''}
            </span>
            {c.startsAt !== null && <span className="call-row-when">{when(c)}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
