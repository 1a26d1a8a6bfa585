// Day and week views of booked calls (calls.calendar), for one agent or the whole team, in the
// signed-in person's zone, with the phone hours shaded. [ and ] move by a period, t comes back to
// today; every call is a button that opens its detail.
import { DateTime } from 'luxon';
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { CallSummary } from '../../../../shared/contract';
import { ErrorNote } from '../../components/ErrorNote';
import { localeOf, useLang, useT } from '../../i18n';
import { useDataChanged } from '../../state/live';
import { useResource } from '../../state/resource';
import { useSession } from '../../state/session';
import { useStaff } from '../../state/staff';
import { api } from '../../transport';
import { useCallsNav } from './callsNav';
import { formatDate, formatTime, formatTimeRange, zoneAbbrev } from '../../format/time';
import { layoutLanes, openingDay } from './calendarLayout';

type Period = 'day' | 'week';

interface Column {
  key: string;
  label: string;
  start: number;
  end: number;
  calls: CallSummary[];
}

/** Lanes per column: a week column is narrow, a day's agent column has room for more. */
const MAX_LANES: Record<Period, number> = { week: 2, day: 3 };

export function CallCalendar() {
  const t = useT();
  const lang = useLang();
  const ids = useId();
  const zone = useSession((s) => s.me?.zone) ?? 'UTC';
  const staff = useStaff((s) => s.staff);
  const openCall = useCallsNav((s) => s.open);
  const openId = useCallsNav((s) => s.callId);
  const [period, setPeriod] = useState<Period>('week');
  const [anchor, setAnchor] = useState(() => openingDay(Date.now(), zone));
  const [agentId, setAgentId] = useState<number | null>(null);

  const start = useMemo(() => {
    const day = DateTime.fromISO(anchor, { zone }).startOf('day');
    return period === 'week' ? day.startOf('week') : day;
  }, [anchor, zone, period]);
  const end = start.plus(period === 'week' ? { weeks: 1 } : { days: 1 });
  const from = start.toMillis();
  const to = end.toMillis();

  const res = useResource(`cal:${from}:${to}:${agentId ?? 'team'}`, () =>
    api['calls.calendar']({ from, to, ...(agentId !== null ? { agentId } : {}), includeCancelled: false }),
  );
  useDataChanged((c) => c.topics.includes('calls'), res.reload);
  const data = res.data;

  const move = (step: number) =>
    setAnchor(start.plus(period === 'week' ? { weeks: step } : { days: step }).toISODate() ?? anchor);
  // In the week view, "today" on a weekend is the coming working week, as when the calendar opens.
  const today = () =>
    setAnchor(
      period === 'week' ? openingDay(Date.now(), zone) : (DateTime.now().setZone(zone).toISODate() ?? anchor),
    );
  const showDay = (dayStart: number) => {
    setPeriod('day');
    setAnchor(DateTime.fromMillis(dayStart, { zone }).toISODate() ?? anchor);
  };

  function onKeyDown(event: KeyboardEvent) {
    const target = event.target as HTMLElement;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.closest('input, select, textarea')) return;
    if (event.key === '[') move(-1);
    else if (event.key === ']') move(1);
    else if (event.key === 't') today();
    else return;
    event.preventDefault();
  }

  // The hours shown: the phone hours and every call, in whole hours of the viewer's zone.
  const hours = useMemo(() => {
    let lo = 24;
    let hi = 0;
    const spans = [
      ...(data?.openIntervals.map((o) => [o.start, o.end] as const) ?? []),
      ...(data?.calls.map((c) => [c.startsAt ?? 0, c.endsAt ?? 0] as const) ?? []),
    ];
    for (const [s, e] of spans) {
      const a = DateTime.fromMillis(s, { zone });
      const b = DateTime.fromMillis(e, { zone });
      if (a.hasSame(b, 'day')) {
        lo = Math.min(lo, a.hour);
        hi = Math.max(hi, b.minute > 0 ? b.hour + 1 : b.hour);
      } else {
        lo = 0;
        hi = 24;
      }
    }
    if (lo >= hi) return { lo: 6, hi: 16 };
    return { lo, hi };
  }, [data, zone]);

  const columns: Column[] = useMemo(() => {
    if (!data) return [];
    const timed = data.calls.filter((c) => c.startsAt !== null && c.endsAt !== null);
    if (period === 'week') {
      return Array.from({ length: 7 }, (_, i) => {
        const d = start.plus({ days: i });
        const s = d.toMillis();
        const e = d.plus({ days: 1 }).toMillis();
        return {
          key: d.toISODate() ?? String(i),
          // The console's one way of writing a day ("Mon 30 Nov").
          label: formatDate(s, zone, lang),
          start: s,
          end: e,
          calls: timed.filter((c) => (c.startsAt ?? 0) >= s && (c.startsAt ?? 0) < e),
        };
      });
    }
    return data.agents.map((a) => ({
      key: String(a.id),
      label: a.name,
      start: from,
      end: to,
      calls: timed.filter((c) => c.agentId === a.id),
    }));
  }, [data, period, start, from, to, lang, zone]);

  const span = (hours.hi - hours.lo) * 60;
  const pos = (ms: number, dayStart: number) => {
    const local = DateTime.fromMillis(ms, { zone });
    const base = DateTime.fromMillis(dayStart, { zone });
    const minutes = local.diff(base.set({ hour: hours.lo, minute: 0 }), 'minutes').minutes;
    return Math.max(0, Math.min(100, (minutes / span) * 100));
  };

  const title =
    period === 'week'
      ? `${start.setLocale(localeOf(lang)).toLocaleString({ day: 'numeric', month: 'long' })} – ${end
          .minus({ days: 1 })
          .setLocale(localeOf(lang))
          .toLocaleString({ day: 'numeric', month: 'long', year: 'numeric' })}`
      : start
          .setLocale(localeOf(lang))
          .toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

  return (
    <section className="call-calendar" aria-labelledby={`${ids}-title`} onKeyDown={onKeyDown}>
      <div className="cal-toolbar">
        <h2 id={`${ids}-title`} aria-live="polite">
          {title}
        </h2>
        <div className="button-row" role="group" aria-label={t('calls.cal.title')}>
          <button type="button" onClick={() => move(-1)} aria-keyshortcuts="[">
            {t('calls.cal.prev')}
          </button>
          <button type="button" onClick={today} aria-keyshortcuts="t">
            {t('calls.cal.today')}
          </button>
          <button type="button" onClick={() => move(1)} aria-keyshortcuts="]">
            {t('calls.cal.next')}
          </button>
        </div>
        <div className="button-row" role="group" aria-label={t('calls.cal.title')}>
          {(['day', 'week'] as const).map((p) => (
            <button key={p} type="button" aria-pressed={period === p} onClick={() => setPeriod(p)}>
              {t(p === 'day' ? 'calls.cal.day' : 'calls.cal.week')}
            </button>
          ))}
        </div>
        <label>
          {t('calls.cal.whose')}
          <select
            value={agentId ?? ''}
            onChange={(e) => setAgentId(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">{t('calls.cal.team')}</option>
            {(staff ?? [])
              .filter((s) => s.active)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
          </select>
        </label>
      </div>
      <p className="muted">
        {t('calls.cal.zone', { zone: `${zone} (${zoneAbbrev(from, zone, lang)})` })} {t('calls.cal.keys')}
      </p>
      {res.error && <ErrorNote error={res.error} onRetry={res.reload} compact />}
      {data && data.calls.length === 0 && <p>{t('calls.cal.none')}</p>}
      {data && (
        <div
          className="cal-grid"
          style={{
            gridTemplateColumns: `3.5rem repeat(${columns.length}, minmax(5.5rem, 1fr))`,
            gridTemplateRows: `auto ${(hours.hi - hours.lo) * 4}rem`,
          }}
        >
          <div className="cal-corner" aria-hidden="true" />
          {columns.map((col) => (
            <div key={col.key} className="cal-colhead" aria-hidden="true">
              {col.label}
            </div>
          ))}
          <div className="cal-axis" aria-hidden="true">
            {Array.from({ length: hours.hi - hours.lo }, (_, i) => (
              <span key={i} style={{ top: `${(i / (hours.hi - hours.lo)) * 100}%` }}>
                {String(hours.lo + i).padStart(2, '0')}:00
              </span>
            ))}
          </div>
          {columns.map((col) => {
            const { placed, overflow } = layoutLanes(
              col.calls.map((c) => ({ id: c.id, start: c.startsAt ?? 0, end: c.endsAt ?? 0 })),
              MAX_LANES[period],
            );
            const dayStart = period === 'week' ? col.start : from;
            return (
              <div key={col.key} className="cal-col" role="group" aria-label={col.label}>
                {data.openIntervals
                  .filter((o) => o.end > col.start && o.start < col.end)
                  .map((o) => (
                    <div
                      key={o.start}
                      className="cal-open"
                      aria-hidden="true"
                      style={{
                        top: `${pos(Math.max(o.start, col.start), dayStart)}%`,
                        bottom: `${100 - pos(Math.min(o.end, col.end), dayStart)}%`,
                      }}
                    />
                  ))}
                <ul className="cal-calls">
                  {overflow.map((o) => {
                    const hidden = col.calls.filter((c) => o.ids.includes(c.id));
                    const label = t('calls.cal.more', {
                      n: o.ids.length,
                      when: formatTimeRange(o.start, o.end, zone, lang),
                    });
                    return (
                      <li
                        key={`more-${o.start}`}
                        style={{
                          top: `${pos(o.start, dayStart)}%`,
                          bottom: `${100 - pos(o.end, dayStart)}%`,
                          left: `${(o.lane / o.of) * 100}%`,
                          width: `${100 / o.of}%`,
                        }}
                      >
                        <button
                          type="button"
                          className="cal-call cal-more"
                          title={hidden
                            .map(
                              (c) =>
                                `${formatTimeRange(c.startsAt ?? 0, c.endsAt ?? 0, zone, lang)} ${c.customerName}`,
                            )
                            .join('\n')}
                          aria-label={`${t('punct.colon', { text: col.label })} ${label}`}
                          onClick={() =>
                            period === 'week' ? showDay(col.start) : openCall(hidden[0]?.id ?? null)
                          }
                        >
                          +{o.ids.length}
                        </button>
                      </li>
                    );
                  })}
                  {col.calls.map((c) => {
                    const s = c.startsAt ?? 0;
                    const e = c.endsAt ?? 0;
                    const lane = placed.get(c.id);
                    if (!lane) return null;
                    const when = formatTimeRange(s, e, zone, lang);
                    return (
                      <li
                        key={c.id}
                        style={{
                          top: `${pos(s, dayStart)}%`,
                          bottom: `${100 - pos(e, dayStart)}%`,
                          left: `${(lane.lane / lane.of) * 100}%`,
                          width: `${100 / lane.of}%`,
                        }}
                      >
                        <button
                          type="button"
                          className={`cal-call status-${c.status}${lane.of > 1 ? ' cal-call-narrow' : ''}`}
                          data-call-id={c.id}
                          title={`${when} ${c.customerName} (${c.agentName ?? t('calls.cal.nobody')})`}
                          aria-current={openId === c.id ? 'true' : undefined}
                          onClick={() => openCall(c.id)}
                        >
                          <span className="visually-hidden">{col.label} </span>
                          {/* Side by side there is room for the start only; the range is in the title. */}
                          <span className="cal-call-time">
                            {lane.of > 1 ? formatTime(s, zone, lang) : when}
                          </span>
                          <span className="cal-call-who">{c.customerName}</span>
                          <span className="visually-hidden">
                            , {t('calls.agent')} {c.agentName ?? t('calls.cal.nobody')}
                          </span>
                          {/* The agent's name only where a block has the width for it. */}
                          {agentId === null && period === 'week' && lane.of === 1 && (
                            <span className="cal-call-agent" aria-hidden="true">
                              {c.agentName}
                            </span>
                          )}
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </div>
            );
          })}
        </div>
      )}
    </section>
  );
}
