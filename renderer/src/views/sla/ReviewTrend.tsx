// The weekly trend: the chart, and the same weeks as a table (every number drills down to that
// week's tickets). Weeks start on Monday 00:00 UTC, as the core counts them; the first and last may
// be cut by the period.
import { useId, useMemo } from 'react';
import type { SlaReview } from '../../../../shared/sla';
import { formatCount } from '../../format/number';
import { formatDate } from '../../format/time';
import { useLang, useT } from '../../i18n';
import type { DrillMeasure, ReviewQuery } from './reviewDrill';
import { formatShare } from './reviewFormat';
import { CsvButton, RowCells, RowHeaderCells, type OpenDrill } from './ReviewTables';
import { ReviewTrendChart, type TrendPoint } from './ReviewTrendChart';

const WEEK_MS = 7 * 86_400_000;

export function ReviewTrend({
  review,
  query,
  onDrill,
}: {
  review: SlaReview;
  query: ReviewQuery;
  onDrill: OpenDrill;
}) {
  const t = useT();
  const lang = useLang();
  const headingId = useId();
  const weeks = review.weekly;
  const title = t('slaReview.trend');

  const weekLabel = (ws: number) => formatDate(ws, 'UTC', lang);
  const points = useMemo<TrendPoint[]>(
    () =>
      weeks.map((w) => ({
        label: formatDate(w.weekStart, 'UTC', lang),
        tickets: w.tickets,
        firstResponseBreaches: w.firstResponseBreaches,
        withinTarget: w.withinTarget,
      })),
    [weeks, lang],
  );

  const summary = useMemo(() => {
    const first = weeks[0];
    const last = weeks[weeks.length - 1];
    if (!first || !last) return t('slaReview.trend.none');
    const counts = weeks.map((w) => w.tickets);
    const shares = weeks.map((w) => w.withinTarget).filter((s): s is number => s !== null);
    return t('slaReview.trend.summary', {
      weeks: weeks.length,
      first: formatDate(first.weekStart, 'UTC', lang),
      last: formatDate(last.weekStart, 'UTC', lang),
      min: formatCount(Math.min(...counts), lang),
      max: formatCount(Math.max(...counts), lang),
      shares:
        shares.length === 0
          ? t('slaReview.notKnown')
          : `${formatShare(Math.min(...shares), lang)} – ${formatShare(Math.max(...shares), lang)}`,
    });
  }, [weeks, lang, t]);

  const pick = (index: number, measure: DrillMeasure) => {
    const week = weeks[index];
    if (!week) return;
    onDrill({
      query,
      cell: { weekStart: week.weekStart, measure },
      scope: t('slaReview.weekOf', { date: weekLabel(week.weekStart) }),
      count:
        measure === 'tickets'
          ? week.tickets
          : measure === 'first_response_breached'
            ? week.firstResponseBreaches
            : null,
      opener: null,
    });
  };

  return (
    <section className="review-card review-trend" aria-labelledby={headingId}>
      <div className="card-head">
        <h2 id={headingId}>{title}</h2>
        <span className="muted small">{t('slaReview.trend.weeksNote')}</span>
        <CsvButton table="weekly" query={query} label={title} />
      </div>
      <ReviewTrendChart points={points} summary={summary} onPick={pick} />
      <details className="trend-table">
        <summary>{t('slaReview.trend.table')}</summary>
        <div className="table-wrap">
          <table className="review-table">
            <caption className="visually-hidden">{t('slaReview.tableCaption', { table: title })}</caption>
            <thead>
              <RowHeaderCells first={t('slaReview.col.week')} />
            </thead>
            <tbody>
              {weeks.map((w) => {
                const label = t('slaReview.weekOf', { date: weekLabel(w.weekStart) });
                const partial = w.weekStart < query.from || w.weekStart + WEEK_MS > query.to;
                return (
                  <tr key={w.weekStart} data-week={w.weekStart}>
                    <th scope="row">
                      {label}
                      {partial && <span className="muted small"> {t('slaReview.partialWeek')}</span>}
                    </th>
                    <RowCells
                      row={w}
                      query={query}
                      scope={label}
                      onDrill={onDrill}
                      cell={{ weekStart: w.weekStart }}
                    />
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
