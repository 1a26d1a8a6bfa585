// One call: the request as the customer sent it, whether the plan entitles it, and what can be done
// next (book, move, cancel, record how it went, export the invitation).
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ApiErrorShape, CallSummary } from '../../../../shared/contract';
import { ErrorNote } from '../../components/ErrorNote';
import { useLang, useT } from '../../i18n';
import { useDataChanged } from '../../state/live';
import { useNav } from '../../state/nav';
import { useResource } from '../../state/resource';
import { api } from '../../transport';
import { saveFile } from '../../transport/saveFile';
import { SlotFinder } from './SlotFinder';
import { formatWhen, timesInZones } from '../../format/time';
import { usePlanName } from '../../state/rules';

type Mode = 'idle' | 'reschedule' | 'cancel';

export function CallDetail({ callId, onClose }: { callId: number; onClose?: () => void }) {
  const t = useT();
  const res = useResource(`call:${callId}`, () => api['calls.get']({ id: callId }));
  useDataChanged((c) => c.topics.includes('calls'), res.reload);
  const [mode, setMode] = useState<Mode>('idle');
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    setMode('idle');
    setNotice(null);
  }, [callId]);

  const call = res.data;
  if (!call) {
    return res.error ? (
      <ErrorNote error={res.error} onRetry={res.reload} />
    ) : (
      <p role="status">{t('app.loading')}</p>
    );
  }
  const done = (message: string) => {
    setMode('idle');
    setNotice(message);
    res.reload();
  };

  return (
    <article className="call-detail" aria-labelledby="call-title">
      <header className="call-head">
        <h2 id="call-title" tabIndex={-1}>
          {t('calls.title', { name: call.customerName })}
        </h2>
        <span className={`call-status status-${call.status}`}>{t(`calls.status.${call.status}`)}</span>
        {onClose && (
          <button type="button" onClick={onClose}>
            {t('calls.close')}
          </button>
        )}
      </header>
      {notice && (
        <p role="status" className="call-notice">
          {notice}
        </p>
      )}
      <RequestFacts call={call} />
      {call.status === 'scheduled' && <Booking call={call} />}
      {call.statusNote && (
        <p>
          <strong>{t('punct.colon', { text: t('calls.note') })}</strong> {call.statusNote}
        </p>
      )}
      {call.status === 'requested' && <SlotFinder call={call} mode="schedule" onDone={done} />}
      {call.status === 'scheduled' && mode === 'idle' && (
        <Actions call={call} setMode={setMode} onDone={done} />
      )}
      {call.status === 'scheduled' && mode === 'reschedule' && (
        <>
          <button type="button" onClick={() => setMode('idle')}>
            {t('action.cancel')}
          </button>
          <SlotFinder call={call} mode="reschedule" onDone={done} />
        </>
      )}
      {call.status === 'requested' && mode === 'idle' && (
        <p>
          <button type="button" onClick={() => setMode('cancel')}>
            {t('calls.cancel')}
          </button>
        </p>
      )}
      {mode === 'cancel' && <CancelForm call={call} onBack={() => setMode('idle')} onDone={done} />}
    </article>
  );
}

function RequestFacts({ call }: { call: CallSummary }) {
  const t = useT();
  const planName = usePlanName();
  const openTicket = useNav((s) => s.openTicket);
  return (
    <section aria-label={t('calls.customer')}>
      {call.flaggedForReview ? (
        <p className="call-flag warn" role="note">
          {t('calls.flagged')}
        </p>
      ) : call.entitled ? (
        <p className="call-flag ok">{t('calls.entitled')}</p>
      ) : (
        <p className="call-flag warn" role="note">
          {t('calls.notEntitled', { plan: planName(call.planId) })}
        </p>
      )}
      <dl className="call-facts">
        <dt>{t('calls.customer')}</dt>
        <dd>
          {call.customerName}{' '}
          <button type="button" className="link-button" onClick={() => openTicket(call.ticketId)}>
            {t('calls.openTicket', { id: call.ticketId })}
          </button>
        </dd>
        <dt>{t('calls.plan')}</dt>
        <dd>{planName(call.planId)}</dd>
        <dt>{t('calls.contactEmail')}</dt>
        <dd>{call.contactEmail}</dd>
        <dt>{t('calls.tool')}</dt>
        <dd>{call.toolName}</dd>
        <dt>{t('calls.customerZone')}</dt>
        <dd>{call.customerZone ?? t('calls.zoneUnknown')}</dd>
      </dl>
      <h3>{t('calls.questions')}</h3>
      {call.questions.length === 0 ? (
        <p className="muted">{t('calls.noQuestions')}</p>
      ) : (
        <ol className="call-questions">
          {call.questions.map((q, i) => (
            <li key={i}>{q}</li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Booking({ call }: { call: CallSummary }) {
  const t = useT();
  const lang = useLang();
  if (call.startsAt === null || call.endsAt === null) return null;
  const zone = call.agentZone ?? 'UTC';
  return (
    <dl className="call-facts call-booking">
      <dt>{t('calls.when')}</dt>
      <dd>
        {/* The agent's time with its date, then GMT and the customer's only where they read differently. */}
        {[
          formatWhen(call.startsAt, call.endsAt, zone, lang),
          ...timesInZones(
            call.startsAt,
            call.endsAt,
            [zone, 'UTC', ...(call.customerZone ? [call.customerZone] : [])],
            lang,
          )
            .slice(1)
            .map((o) => `${o.time} ${o.zone}`),
        ].join(' · ')}
      </dd>
      <dt>{t('calls.agent')}</dt>
      <dd>{call.agentName ?? t('calls.cal.nobody')}</dd>
      {call.link && (
        <>
          <dt>{t('calls.link')}</dt>
          <dd className="call-link">{call.link}</dd>
        </>
      )}
    </dl>
  );
}

function Actions({
  call,
  setMode,
  onDone,
}: {
  call: CallSummary;
  setMode(mode: Mode): void;
  onDone(message: string): void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ error: ApiErrorShape; context: string } | null>(null);

  async function complete(outcome: 'done' | 'no_show') {
    setBusy(true);
    setError(null);
    const result = await api['calls.complete']({ callId: call.id, outcome });
    setBusy(false);
    if (result.ok) onDone(t('calls.completed'));
    else setError({ error: result.error, context: t('calls.notCompleted') });
  }

  async function exportIcs() {
    setError(null);
    const result = await api['calls.ics']({ callId: call.id });
    if (!result.ok) {
      setError({ error: result.error, context: t('calls.icsFailed') });
      return;
    }
    saveFile(result.value);
  }

  return (
    <div className="call-actions">
      <p className="button-row">
        <button type="button" onClick={() => setMode('reschedule')}>
          {t('calls.reschedule')}
        </button>
        <button type="button" onClick={() => setMode('cancel')}>
          {t('calls.cancel')}
        </button>
        <button type="button" disabled={busy} onClick={() => void complete('done')}>
          {t('calls.markDone')}
        </button>
        <button type="button" disabled={busy} onClick={() => void complete('no_show')}>
          {t('calls.markNoShow')}
        </button>
        <button type="button" onClick={() => void exportIcs()}>
          {t('calls.ics')}
        </button>
      </p>
      {error && <ErrorNote error={error.error} context={error.context} compact />}
    </div>
  );
}

function CancelForm({
  call,
  onBack,
  onDone,
}: {
  call: CallSummary;
  onBack(): void;
  onDone(message: string): void;
}) {
  const t = useT();
  const ids = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await api['calls.cancel']({ callId: call.id, reason });
    setBusy(false);
    if (result.ok) onDone(t('calls.cancelled'));
    else setError(result.error);
  }

  return (
    <form className="call-cancel" onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${ids}-reason`}>{t('calls.cancelReason')}</label>
      <textarea id={`${ids}-reason`} value={reason} rows={3} onChange={(e) => setReason(e.target.value)} />
      {error && <ErrorNote error={error} compact context={t('calls.notCancelled')} />}
      <p className="button-row">
        <button type="submit" className="danger" disabled={busy}>
          {busy ? t('calls.cancelling') : t('calls.cancelConfirm')}
        </button>
        <button type="button" onClick={onBack}>
          {t('calls.keep')}
        </button>
      </p>
    </form>
  );
}
