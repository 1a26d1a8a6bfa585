// The slot finder: free times for a call (calls.slots), grouped by day in the agent's zone, each
// also in GMT and in the customer's zone; choosing one books it (calls.schedule) or moves the call
// (calls.reschedule). A refusal from the core shows here and the choice stays.
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { ApiErrorShape, CallSlot, CallSummary } from '../../../../shared/contract';
import { ErrorNote } from '../../components/ErrorNote';
import { useLang, useT } from '../../i18n';
import { useDataChanged } from '../../state/live';
import { useResource } from '../../state/resource';
import { useStaff } from '../../state/staff';
import { api } from '../../transport';
import { dayKey, formatDate, formatWhen, timesInZones } from '../../format/time';

const DURATIONS = [15, 30, 45, 60, 90];

interface Chosen {
  slot: CallSlot;
  agentId: number;
}

export function SlotFinder({
  call,
  mode,
  onDone,
}: {
  call: CallSummary;
  mode: 'schedule' | 'reschedule';
  onDone(message: string): void;
}) {
  const t = useT();
  const lang = useLang();
  const ids = useId();
  const staff = useStaff((s) => s.staff);
  const agents = useMemo(() => (staff ?? []).filter((s) => s.active), [staff]);
  const [duration, setDuration] = useState(call.durationMinutes ?? 30);
  const [agentId, setAgentId] = useState<number | null>(mode === 'reschedule' ? call.agentId : null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [link, setLink] = useState(mode === 'reschedule' ? (call.link ?? '') : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);

  const slots = useResource(`slots:${call.id}:${duration}:${agentId ?? 'any'}`, () =>
    api['calls.slots']({
      callId: call.id,
      durationMinutes: duration,
      ...(agentId !== null ? { agentId } : {}),
      days: 7,
      limit: 200,
    }),
  );
  useDataChanged((c) => c.topics.includes('calls'), slots.reload);

  const data = slots.data;
  const groups = useMemo(() => {
    if (!data) return [];
    const byDay = new Map<string, CallSlot[]>();
    for (const slot of data.slots) {
      const key = dayKey(slot.startsAt, data.zones.agent);
      byDay.set(key, [...(byDay.get(key) ?? []), slot]);
    }
    return [...byDay.entries()];
  }, [data]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen || busy) return;
    setBusy(true);
    setError(null);
    const trimmed = link.trim();
    const result =
      mode === 'schedule'
        ? await api['calls.schedule']({
            callId: call.id,
            agentId: chosen.agentId,
            startsAt: chosen.slot.startsAt,
            durationMinutes: duration,
            ...(trimmed ? { link: trimmed } : {}),
          })
        : await api['calls.reschedule']({
            callId: call.id,
            agentId: chosen.agentId,
            startsAt: chosen.slot.startsAt,
            durationMinutes: duration,
            ...(trimmed ? { link: trimmed } : {}),
          });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onDone(t(mode === 'schedule' ? 'calls.scheduled' : 'calls.moved', { email: result.value.contactEmail }));
  }

  const agentName = (id: number) => agents.find((a) => a.id === id)?.name ?? `#${id}`;
  /** "Mon 30 Nov, 09:00–09:30 CET · 08:00–08:30 GMT · Agent", GMT only when it reads differently. */
  const chosenWhen = (pick: Chosen, zone: string) => {
    const gmt = timesInZones(pick.slot.startsAt, pick.slot.endsAt, [zone, 'UTC'], lang)[1];
    const local = formatWhen(pick.slot.startsAt, pick.slot.endsAt, zone, lang);
    return [local, ...(gmt ? [`${gmt.time} ${gmt.zone}`] : []), agentName(pick.agentId)].join(' · ');
  };

  return (
    <section className="slot-finder" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{mode === 'schedule' ? t('calls.slots.title') : t('calls.rescheduleTo')}</h3>
      <div className="slot-controls">
        <label>
          {t('calls.slots.duration')}
          <select
            value={duration}
            onChange={(e) => {
              setDuration(Number(e.target.value));
              setChosen(null);
            }}
          >
            {DURATIONS.map((d) => (
              <option key={d} value={d}>
                {t('calls.slots.minutes', { n: d })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('calls.slots.agent')}
          <select
            value={agentId ?? ''}
            onChange={(e) => {
              setAgentId(e.target.value === '' ? null : Number(e.target.value));
              setChosen(null);
            }}
          >
            <option value="">{t('calls.slots.anyAgent')}</option>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.zone})
              </option>
            ))}
          </select>
        </label>
      </div>
      {slots.error && <ErrorNote error={slots.error} onRetry={slots.reload} compact />}
      {!data && slots.loading && <p role="status">{t('calls.slots.loading')}</p>}
      {data && (
        <>
          <p className="muted">
            {data.zones.customer
              ? t('calls.slots.zones', { agent: data.zones.agent, customer: data.zones.customer })
              : t('calls.slots.zonesNoCustomer', { agent: data.zones.agent })}
          </p>
          {data.slots.length === 0 && <p>{t('calls.slots.none')}</p>}
          <div className="slot-days">
            {groups.map(([key, daySlots]) => {
              const first = daySlots[0];
              if (!first) return null;
              return (
                <div key={key} className="slot-day" role="group" aria-labelledby={`${ids}-${key}`}>
                  <h4 id={`${ids}-${key}`}>{formatDate(first.startsAt, data.zones.agent, lang)}</h4>
                  <ul>
                    {daySlots.map((slot) => {
                      const who = slot.agents.find((a) => a.id === agentId) ?? slot.agents[0];
                      const agent = agentId ?? who?.id ?? null;
                      if (agent === null) return null;
                      // The time in the agent's zone, in GMT and in the customer's, each written once:
                      // zones that read the same at that instant collapse, and a zone is named only
                      // when there is another to tell it from.
                      const zone = who?.zone ?? data.zones.agent;
                      const times = timesInZones(
                        slot.startsAt,
                        null,
                        [zone, 'UTC', ...(data.zones.customer ? [data.zones.customer] : [])],
                        lang,
                      );
                      const pressed = chosen?.slot.startsAt === slot.startsAt;
                      return (
                        <li key={slot.startsAt}>
                          <button
                            type="button"
                            className="slot"
                            aria-pressed={pressed}
                            onClick={() => setChosen({ slot, agentId: agent })}
                          >
                            {times.map((time, i) => (
                              <span key={time.zone} className={i === 0 ? 'slot-local' : 'slot-other'}>
                                {i > 0 && <span className="visually-hidden">, </span>}
                                {time.time}
                                {times.length > 1 && <small> {time.zone}</small>}
                              </span>
                            ))}
                            {agentId === null && <span className="slot-agent">{agentName(agent)}</span>}
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                </div>
              );
            })}
          </div>
          {data.truncated && <p className="muted">{t('calls.slots.truncated')}</p>}
        </>
      )}
      {chosen && data && (
        <form className="slot-confirm" onSubmit={(e) => void submit(e)}>
          <p>
            {t('calls.slots.chosen', {
              when: chosenWhen(chosen, agents.find((a) => a.id === chosen.agentId)?.zone ?? data.zones.agent),
            })}
          </p>
          <label>
            {t('calls.link')}
            <input
              type="text"
              inputMode="url"
              value={link}
              placeholder="https://"
              aria-describedby={`${ids}-link-hint`}
              onChange={(e) => setLink(e.target.value)}
            />
          </label>
          <p id={`${ids}-link-hint`} className="muted">
            {t('calls.linkHint')}
          </p>
          {error && (
            <ErrorNote
              error={error}
              compact
              context={t(mode === 'schedule' ? 'calls.notScheduled' : 'calls.notRescheduled')}
            />
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy
              ? t(mode === 'schedule' ? 'calls.scheduling' : 'calls.rescheduling')
              : t(mode === 'schedule' ? 'calls.schedule' : 'calls.rescheduleTo')}
          </button>
        </form>
      )}
    </section>
  );
}
