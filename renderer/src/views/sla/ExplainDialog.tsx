// Why a ticket is due when it is (issue #6): the target and rule version the ticket is measured
// against, its channel's hours, the clock now, and a timeline of what happened (arrival, messages,
// responses, pauses) with the business time counted and the closed hours and holidays skipped,
// then what will happen until the deadline if nothing else does. Times are in the viewer's zone
// with GMT beside them, since the rules speak GMT.
//
// The core writes each entry's `text` in English; every label here is built from the entry's
// fields in the viewer's language instead, and the English text is kept for unknown entries only.
import { DateTime } from 'luxon';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SlaExplanation, SlaTimelineEntry } from '../../../../shared/sla';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { formatHours } from '../../format/hours';
import {
  formatBusinessSpan,
  wholeMinutesCounted,
  wholeMinutesLate,
  wholeMinutesLeft,
} from '../../format/sla';
import {
  formatFull,
  formatGmt,
  formatIsoDate,
  formatLocal,
  formatSpan,
  systemZone,
  zoneIsGmt,
} from '../../format/time';
import { useLang, useT, type Lang, type Translate } from '../../i18n';
import { useNow } from '../../state/clock';
import { useDataChanged } from '../../state/live';
import { useResource } from '../../state/resource';
import { usePlanName } from '../../state/rules';
import { useSession } from '../../state/session';
import { api } from '../../transport';
import {
  allFoldIds,
  countingStartOf,
  phaseEndedBy,
  startsNextPhase,
  targetOf,
  timelineRows,
  type FoldRow,
} from './explainTimeline';
import { minutesReading, shortMinutes } from './rulesFormat';
import './slaRules.css';

const REFRESH_MS = 60_000;

export function ExplainDialog({ ticketId, onClose }: { ticketId: number; onClose(): void }) {
  const t = useT();
  const explanation = useResource(`sla.explain:${ticketId}`, () => api['sla.explain']({ ticketId }));
  const versions = useResource('rules.versions', () => api['rules.versions']({}));
  const { reload } = explanation;
  useDataChanged(
    (change) =>
      change.ticketIds.includes(ticketId) ||
      (change.ticketIds.length === 0 &&
        change.topics.some((x) => x === 'tickets' || x === 'messages' || x === 'sla')),
    reload,
  );
  // The "now" line moves: what was projected becomes what happened.
  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  const data = explanation.data;
  const active = versions.data?.find((v) => v.active)?.version ?? null;
  return (
    <Dialog
      title={t('slaExplain.title', { id: ticketId })}
      onClose={onClose}
      className="explain-dialog"
      description={t('slaExplain.description')}
    >
      {explanation.error && <ErrorNote error={explanation.error} onRetry={reload} />}
      {!data && !explanation.error && (
        <p className="muted" role="status">
          {t('slaExplain.loading')}
        </p>
      )}
      {data && <Explanation data={data} activeVersion={active} />}
    </Dialog>
  );
}

function Explanation({ data, activeVersion }: { data: SlaExplanation; activeVersion: number | null }) {
  const t = useT();
  const lang = useLang();
  const zone = useSession((s) => s.me?.zone) ?? systemZone();
  const now = useNow();
  const namePlan = usePlanName();
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => timelineRows(data, open), [data, open]);
  const folds = useMemo(() => allFoldIds(data), [data]);
  const dayMinutes = data.openingHours.openDayMinutes;
  const planName = data.planId ? namePlan(data.planId) : null;
  const when = (ms: number) => whenText(ms, zone, lang, now);
  const time = (ms: number) => <When ms={ms} zone={zone} lang={lang} now={now} />;
  const countingStart = countingStartOf(data);
  const allOpen = folds.length > 0 && folds.every((id) => open.has(id));

  return (
    <div className="explain">
      <dl className="explain-facts">
        <dt>{t('slaExplain.target')}</dt>
        <dd>
          {data.targets ? (
            <>
              {t('slaExplain.targetFirst', { n: data.targets.firstResponseMinutes })}
              <span className="muted">
                {' '}
                {minutesReading(data.targets.firstResponseMinutes, t, dayMinutes)}
              </span>
              <br />
              {t('slaExplain.targetNext', { n: data.targets.nextResponseMinutes })}
              <span className="muted">
                {' '}
                {minutesReading(data.targets.nextResponseMinutes, t, dayMinutes)}
              </span>
              {data.targets.ruleId && <span className="explain-rule-id"> · {data.targets.ruleId}</span>}
            </>
          ) : (
            <span className="muted">{notMeasuredText(data.notMeasuredCode, t)}</span>
          )}
        </dd>
        <dt>{t('slaExplain.ruleVersion')}</dt>
        <dd>
          {data.ruleVersion ? (
            <>
              {t('slaExplain.version', { version: data.ruleVersion.version, label: data.ruleVersion.label })}
              {activeVersion !== null && activeVersion !== data.ruleVersion.version && (
                <span className="muted small block">
                  {t('slaExplain.versionKept', { active: activeVersion, version: data.ruleVersion.version })}
                </span>
              )}
            </>
          ) : (
            <span className="muted">{t('slaExplain.noVersion')}</span>
          )}
        </dd>
        <dt>{t('slaExplain.hours')}</dt>
        <dd>
          {t('slaExplain.channelHours', {
            channel: t(`channel.${data.channel}`),
            hours: formatHours(data.openingHours, lang, t),
          })}
          <span className="muted"> · {t('slaRules.zone', { zone: data.zone })}</span>
        </dd>
        {planName && (
          <>
            <dt>{t('slaExplain.plan')}</dt>
            <dd>{planName}</dd>
          </>
        )}
      </dl>

      <div className="explain-summary">
        <p className={`explain-current${data.current.breached ? ' breached' : ''}`}>
          {currentText(data, t, when)}
        </p>
        {data.phases.length > 0 && (
          <ul>
            {data.phases.map((p, i) => (
              <li key={i}>{phaseText(p, t, when)}</li>
            ))}
          </ul>
        )}
        {countingStart !== null && (
          <p className="small">
            {t(countingStart > data.asOf ? 'slaExplain.arrivedClosedWill' : 'slaExplain.arrivedClosed', {
              at: when(countingStart),
            })}
          </p>
        )}
      </div>

      {data.timeline.length > 0 && (
        <section className="explain-timeline-section" aria-labelledby="explain-timeline-title">
          <div className="explain-timeline-head">
            <h3 id="explain-timeline-title">{t('slaExplain.timeline')}</h3>
            <span className="muted small">
              {zoneIsGmt(zone) ? t('slaExplain.timesGmt') : t('slaExplain.times', { zone })}
            </span>
            {folds.length > 0 && (
              <button
                type="button"
                className="small-button"
                aria-pressed={allOpen}
                onClick={() => setOpen(allOpen ? new Set() : new Set(folds))}
              >
                {allOpen ? t('slaExplain.foldAll') : t('slaExplain.showAll')}
              </button>
            )}
          </div>
          <ol className="explain-timeline">
            {rows.map((row) => {
              if (row.type === 'now') {
                return (
                  <li key="now" className="explain-item explain-now" data-kind="now">
                    <span className="explain-when">{time(row.at)}</span>
                    <span className="explain-dot" aria-hidden="true" />
                    <span className="explain-what">
                      <strong>{t('slaExplain.now')}</strong>
                      {data.timeline.some((e) => e.projected) && (
                        <span className="explain-detail">{t('slaExplain.projectedHead')}</span>
                      )}
                    </span>
                  </li>
                );
              }
              if (row.type === 'fold') {
                return (
                  <FoldItem
                    key={row.id}
                    row={row}
                    t={t}
                    onOpen={() => setOpen((previous) => new Set(previous).add(row.id))}
                  />
                );
              }
              return (
                <EntryItem
                  key={row.index}
                  entry={row.entry}
                  data={data}
                  t={t}
                  time={time}
                  when={when}
                  lang={lang}
                />
              );
            })}
          </ol>
        </section>
      )}
    </div>
  );
}

function FoldItem({ row, t, onOpen }: { row: FoldRow; t: Translate; onOpen(): void }) {
  return (
    <li className={`explain-item explain-fold${row.projected ? ' projected' : ''}`} data-kind="fold">
      <span className="explain-when" />
      <span className="explain-dot" aria-hidden="true" />
      <span className="explain-what">
        <button type="button" className="link-button" onClick={onOpen}>
          {t('slaExplain.fold', {
            n: row.entries.length,
            counted: counted(row.countedMinutes, t),
            closed: formatSpan(row.closedMs, t),
          })}
        </button>
      </span>
    </li>
  );
}

interface EntryItemProps {
  entry: SlaTimelineEntry;
  data: SlaExplanation;
  t: Translate;
  time(ms: number): ReactNode;
  when(ms: number): string;
  lang: Lang;
}

function EntryItem({ entry, data, t, time, when, lang }: EntryItemProps) {
  const { label, detail } = entryText(entry, data, t, when, lang);
  const span = entry.to > entry.from;
  const classes = ['explain-item', `kind-${entry.kind}`];
  if (span) classes.push('span');
  if (entry.projected) classes.push('projected');
  const phase =
    entry.phase && ['arrival', 'customer_message', 'response', 'due', 'breach'].includes(entry.kind);
  return (
    <li className={classes.join(' ')} data-kind={entry.kind} data-projected={entry.projected || undefined}>
      <span className="explain-when">
        {time(entry.from)}
        {span && (
          <>
            <span className="explain-to" aria-hidden="true">
              ↓
            </span>
            <span className="visually-hidden"> {t('slaExplain.to')} </span>
            {time(entry.to)}
          </>
        )}
      </span>
      <span className="explain-dot" aria-hidden="true" />
      <span className="explain-what">
        <span className="explain-label">
          {label}
          {phase && entry.phase && (
            <span className="explain-phase">
              {t(entry.phase === 'first' ? 'slaExplain.phase.first' : 'slaExplain.phase.next')}
            </span>
          )}
          {entry.projected && <span className="explain-projected-tag">{t('slaExplain.projected')}</span>}
        </span>
        {detail && <span className="explain-detail">{detail}</span>}
      </span>
    </li>
  );
}

/** One instant: in the viewer's zone, GMT beside it (with its own day when that differs). */
function When({ ms, zone, lang, now }: { ms: number; zone: string; lang: Lang; now: number }) {
  const local = formatLocal(ms, zone, lang, now);
  if (zoneIsGmt(zone)) {
    return (
      <time className="explain-time" dateTime={new Date(ms).toISOString()} title={formatFull(ms, zone, lang)}>
        {formatGmt(ms, lang, now, true)}
      </time>
    );
  }
  return (
    <time className="explain-time" dateTime={new Date(ms).toISOString()} title={formatFull(ms, zone, lang)}>
      {local}
      <span className="gmt"> {gmtText(ms, zone, lang, now)}</span>
    </time>
  );
}

function gmtText(ms: number, zone: string, lang: Lang, now: number): string {
  const sameDay =
    DateTime.fromMillis(ms, { zone }).toISODate() === DateTime.fromMillis(ms, { zone: 'UTC' }).toISODate();
  return sameDay ? formatGmt(ms, lang) : formatGmt(ms, lang, now, true);
}

function whenText(ms: number, zone: string, lang: Lang, now: number): string {
  if (zoneIsGmt(zone)) return formatGmt(ms, lang, now, true);
  return `${formatLocal(ms, zone, lang, now)} (${gmtText(ms, zone, lang, now)})`;
}

function phaseName(phase: 'first' | 'next', t: Translate): string {
  return t(phase === 'first' ? 'slaExplain.phase.first' : 'slaExplain.phase.next');
}

function notMeasuredText(code: SlaExplanation['notMeasuredCode'], t: Translate): string {
  switch (code) {
    case 'not_adopted':
      return t('slaExplain.notMeasured.notYet');
    case 'refused':
      return t('slaExplain.notMeasured.refused');
    case 'no_target':
    case null:
      return t('slaExplain.notMeasured.noTarget');
  }
}

/** Time counted, in the whole minutes every clock label uses (a minute counts once fully passed). */
const counted = (minutes: number, t: Translate) => shortMinutes(wholeMinutesCounted(minutes), t);

function currentText(data: SlaExplanation, t: Translate, when: (ms: number) => string): string {
  const c = data.current;
  if (c.closed) return t('slaExplain.current.closed');
  if (c.phase === null)
    return data.notMeasuredCode ? notMeasuredText(data.notMeasuredCode, t) : t('slaExplain.current.none');
  const phase = phaseName(c.phase, t);
  const target = targetOf(data, c.phase) ?? 0;
  if (c.paused) {
    return t('slaExplain.current.paused', {
      phase,
      counted: counted(c.businessMinutes, t),
      target: shortMinutes(target, t),
    });
  }
  if (c.dueAt === null) return t('slaExplain.current.none');
  // The same figure and words as the queue and the ticket header: business time, whole minutes.
  const remaining = c.remainingMinutes ?? 0;
  if (c.breached || remaining <= 0) {
    return t('slaExplain.current.overdue', {
      phase,
      at: when(c.dueAt),
      late: formatBusinessSpan(wholeMinutesLate(remaining), t),
    });
  }
  return t('slaExplain.current.due', {
    phase,
    at: when(c.dueAt),
    left: formatBusinessSpan(wholeMinutesLeft(remaining), t),
  });
}

function phaseText(p: SlaExplanation['phases'][number], t: Translate, when: (ms: number) => string): string {
  const params = {
    phase: phaseName(p.phase, t),
    counted: counted(p.businessMinutes, t),
    target: shortMinutes(p.targetMinutes, t),
  };
  switch (p.outcome) {
    case 'met':
      return t('slaExplain.phaseOutcome.met', params);
    case 'breached':
      return t('slaExplain.phaseOutcome.breached', { ...params, at: when(p.breachedAt ?? p.startedAt) });
    case 'stopped':
      return t('slaExplain.phaseOutcome.stopped', params);
    case 'paused':
      return t('slaExplain.phaseOutcome.paused', params);
    case 'running':
      return t('slaExplain.phaseOutcome.running', { ...params, at: when(p.dueAt ?? p.startedAt) });
  }
}

function entryText(
  entry: SlaTimelineEntry,
  data: SlaExplanation,
  t: Translate,
  when: (ms: number) => string,
  lang: Lang,
): { label: string; detail: string | null } {
  const target = targetOf(data, entry.phase);
  const of = (minutes: number) =>
    target === null
      ? counted(minutes, t)
      : t('slaExplain.ofTarget', { counted: counted(minutes, t), target: shortMinutes(target, t) });
  switch (entry.kind) {
    case 'arrival':
      return {
        label: t('slaExplain.kind.arrival'),
        detail:
          entry.phase && target !== null
            ? t('slaExplain.detail.firstOwed', { target: shortMinutes(target, t) })
            : t('slaExplain.detail.noTarget'),
      };
    case 'customer_message':
      return {
        label: t('slaExplain.kind.customer_message'),
        detail: startsNextPhase(data, entry)
          ? t('slaExplain.detail.nextOwed', { target: shortMinutes(target ?? 0, t) })
          : entry.phase
            ? t('slaExplain.detail.keepsDeadline')
            : t('slaExplain.detail.noTarget'),
      };
    case 'response': {
      const ended = phaseEndedBy(data, entry);
      if (!ended) return { label: t('slaExplain.kind.response'), detail: t('slaExplain.detail.nothingOwed') };
      return {
        label: t('slaExplain.kind.response'),
        detail:
          ended.outcome === 'breached'
            ? t('slaExplain.detail.responseLate', { counted: of(ended.businessMinutes) })
            : t('slaExplain.detail.responseMet', { counted: of(ended.businessMinutes) }),
      };
    }
    case 'pause':
      return {
        label: t('slaExplain.kind.pause'),
        detail: entry.phase
          ? t('slaExplain.detail.soFar', { counted: of(entry.totalMinutes) })
          : t('slaExplain.detail.nothingOwed'),
      };
    case 'resume':
      return {
        label: t('slaExplain.kind.resume'),
        detail:
          entry.phase && target !== null
            ? t('slaExplain.detail.resumes', {
                left: shortMinutes(Math.max(0, wholeMinutesLeft(target - entry.totalMinutes)), t),
              })
            : t('slaExplain.detail.nothingOwed'),
      };
    case 'close':
      return {
        label: t('slaExplain.kind.close'),
        detail: entry.phase ? t('slaExplain.detail.closeStops') : t('slaExplain.detail.nothingMore'),
      };
    case 'due':
      return {
        label: t('slaExplain.kind.due'),
        detail: target === null ? null : t('slaExplain.detail.due', { target: shortMinutes(target, t) }),
      };
    case 'breach':
      return { label: t('slaExplain.kind.breach'), detail: null };
    case 'counted':
      return {
        label: t(entry.projected ? 'slaExplain.kind.willCount' : 'slaExplain.kind.counted', {
          minutes: counted(entry.minutes, t),
        }),
        detail: t('slaExplain.detail.total', { counted: of(entry.totalMinutes) }),
      };
    case 'closed':
      return {
        label: t('slaExplain.kind.closed'),
        detail: t('slaExplain.detail.notCounted', { span: formatSpan(entry.to - entry.from, t) }),
      };
    case 'holiday':
      return {
        label: t('slaExplain.kind.holiday', { date: entry.date ? formatIsoDate(entry.date, lang) : '' }),
        detail: t('slaExplain.detail.notCounted', { span: formatSpan(entry.to - entry.from, t) }),
      };
    case 'paused':
      return {
        label: t('slaExplain.kind.paused'),
        detail: t('slaExplain.detail.pausedSpan', {
          span: formatSpan(entry.to - entry.from, t),
          counted: of(entry.totalMinutes),
        }),
      };
    case 'summary':
      return {
        label: t('slaExplain.kind.summary', { minutes: counted(entry.minutes, t) }),
        detail: t('slaExplain.detail.total', { counted: of(entry.totalMinutes) }),
      };
    default:
      return { label: (entry as SlaTimelineEntry).text, detail: null };
  }
}
