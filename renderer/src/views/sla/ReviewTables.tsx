// The review's numbers: the totals strip and the tables by channel, plan and agent. Every count is
// a button that opens the tickets behind it; every table exports as CSV.
import { useId, useState } from 'react';
import type { ApiErrorShape } from '../../../../shared/contract';
import type { SlaReviewRow } from '../../../../shared/sla';
import { ErrorNote } from '../../components/ErrorNote';
import { formatCount } from '../../format/number';
import { useLang, useT, type MessageKey } from '../../i18n';
import { downloadCsv, type CsvTable } from './reviewCsv';
import {
  rowQuery,
  type DrillMeasure,
  type DrillRequest,
  type ReviewQuery,
  type ReviewTableKind,
} from './reviewDrill';
import { formatBusinessMinutes, formatShare } from './reviewFormat';
import type { PlanNamer } from '../../i18n/plans';
import { usePlanName } from '../../state/rules';

export type OpenDrill = (drill: DrillRequest) => void;

export const measureKeys: Record<DrillMeasure, MessageKey> = {
  tickets: 'slaReview.measure.tickets',
  answered: 'slaReview.measure.answered',
  within_target: 'slaReview.measure.within_target',
  first_response_breached: 'slaReview.measure.first_response_breached',
  breached: 'slaReview.measure.breached',
  arrivals: 'slaReview.measure.arrivals',
  arrivals_outside_hours: 'slaReview.measure.arrivals_outside_hours',
};

interface DrillNumberProps {
  /** What the button shows. */
  text: string;
  /** The count it stands for (null for a share). */
  count: number | null;
  query: ReviewQuery | null;
  cell: DrillRequest['cell'];
  scope: string;
  onDrill: OpenDrill;
  className?: string;
}

/** A number that opens its tickets; plain text when there is nothing to open. */
export function DrillNumber({ text, count, query, cell, scope, onDrill, className }: DrillNumberProps) {
  const t = useT();
  if (query === null || count === 0) {
    return <span className={className ? `num-plain ${className}` : 'num-plain'}>{text}</span>;
  }
  return (
    <button
      type="button"
      className={className ? `num-button ${className}` : 'num-button'}
      aria-label={t('slaReview.drillButton', { measure: t(measureKeys[cell.measure]), scope, value: text })}
      data-measure={cell.measure}
      onClick={(event) => onDrill({ query, cell, scope, count, opener: event.currentTarget })}
    >
      {text}
    </button>
  );
}

/** The CSV button of one table, with its own error line. */
export function CsvButton({
  table,
  query,
  label,
  cell,
}: {
  table: CsvTable;
  query: ReviewQuery;
  label: string;
  cell?: DrillRequest['cell'];
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  return (
    <span className="csv-action">
      <button
        type="button"
        className="small-button"
        aria-label={t('slaReview.csvOf', { table: label })}
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(null);
          void downloadCsv(table, query, cell).then((failed) => {
            setBusy(false);
            setError(failed);
          });
        }}
      >
        {busy ? t('slaReview.csvPreparing') : t('slaReview.csv')}
      </button>
      {error && <ErrorNote error={error} context={t('slaReview.csvFailed')} compact />}
    </span>
  );
}

function shareText(share: number | null, lang: ReturnType<typeof useLang>, t: ReturnType<typeof useT>) {
  return share === null ? t('slaReview.notKnown') : formatShare(share, lang);
}

function minutesText(minutes: number | null, t: ReturnType<typeof useT>) {
  return minutes === null ? t('slaReview.noAnswers') : formatBusinessMinutes(minutes, t);
}

export function ReviewTotals({
  totals,
  query,
  onDrill,
}: {
  totals: SlaReviewRow;
  query: ReviewQuery;
  onDrill: OpenDrill;
}) {
  const t = useT();
  const lang = useLang();
  const headingId = useId();
  const scope = t('slaReview.scopeAll');
  const count = (n: number, measure: DrillMeasure) => (
    <DrillNumber
      text={formatCount(n, lang)}
      count={n}
      query={query}
      cell={{ measure }}
      scope={scope}
      onDrill={onDrill}
    />
  );
  return (
    <section className="review-totals" aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        {t('slaReview.totals')}
      </h2>
      <dl className="stat-strip">
        <div className="stat">
          <dt>{t('slaReview.col.tickets')}</dt>
          <dd data-stat="tickets">{count(totals.tickets, 'tickets')}</dd>
        </div>
        <div className="stat">
          <dt>{t('slaReview.col.answered')}</dt>
          <dd data-stat="answered">{count(totals.answered, 'answered')}</dd>
        </div>
        <div className="stat">
          <dt>{t('slaReview.col.frMedian')}</dt>
          <dd data-stat="frMedian">{minutesText(totals.frMedian, t)}</dd>
        </div>
        <div className="stat">
          <dt>{t('slaReview.col.frP90')}</dt>
          <dd data-stat="frP90">{minutesText(totals.frP90, t)}</dd>
        </div>
        <div className="stat">
          <dt>{t('slaReview.col.withinTarget')}</dt>
          <dd data-stat="withinTarget">
            <DrillNumber
              text={shareText(totals.withinTarget, lang, t)}
              count={null}
              query={totals.withinTarget === null ? null : query}
              cell={{ measure: 'within_target' }}
              scope={scope}
              onDrill={onDrill}
            />
          </dd>
        </div>
        <div className="stat">
          <dt>{t('slaReview.col.frBreaches')}</dt>
          <dd data-stat="frBreaches">{count(totals.firstResponseBreaches, 'first_response_breached')}</dd>
        </div>
        <div className="stat">
          <dt>{t('slaReview.col.breaches')}</dt>
          <dd data-stat="breaches">{count(totals.breaches, 'breached')}</dd>
        </div>
      </dl>
      <p className="muted small">{t('slaReview.businessTimeNote')}</p>
    </section>
  );
}

const tableTitles: Record<ReviewTableKind, MessageKey> = {
  channel: 'slaReview.byChannel',
  plan: 'slaReview.byPlan',
  agent: 'slaReview.byAgent',
};
const firstColumn: Record<ReviewTableKind, MessageKey> = {
  channel: 'slaReview.col.channel',
  plan: 'slaReview.col.plan',
  agent: 'slaReview.col.agent',
};

/** The row's name as the lead reads it: channels and plans translated, "nobody" and unknown plans too. */
export function rowLabel(
  kind: ReviewTableKind,
  row: SlaReviewRow,
  t: ReturnType<typeof useT>,
  planName: PlanNamer,
): string {
  if (kind === 'channel') return t(`channel.${row.key}` as MessageKey);
  if (kind === 'plan') return row.key === '' ? t('slaReview.unknownPlan') : planName(row.key, row.label);
  if (kind === 'agent' && row.key === 'none') return t('slaReview.nobody');
  return row.label;
}

/** The columns shared by the three tables and the weekly table. */
export function RowCells({
  row,
  query,
  scope,
  onDrill,
  cell = {},
}: {
  row: SlaReviewRow;
  query: ReviewQuery | null;
  scope: string;
  onDrill: OpenDrill;
  cell?: Omit<DrillRequest['cell'], 'measure'>;
}) {
  const t = useT();
  const lang = useLang();
  const count = (n: number, measure: DrillMeasure) => (
    <DrillNumber
      text={formatCount(n, lang)}
      count={n}
      query={query}
      cell={{ ...cell, measure }}
      scope={scope}
      onDrill={onDrill}
    />
  );
  return (
    <>
      <td className="num">{count(row.tickets, 'tickets')}</td>
      <td className="num">{count(row.answered, 'answered')}</td>
      <td className="num">{row.frMedian === null ? '—' : formatBusinessMinutes(row.frMedian, t)}</td>
      <td className="num">{row.frP90 === null ? '—' : formatBusinessMinutes(row.frP90, t)}</td>
      <td className="num">
        {row.withinTarget === null ? (
          <span className="num-plain muted" title={t('slaReview.notKnownHint')}>
            —
          </span>
        ) : (
          <>
            <ShareBar share={row.withinTarget} />
            <DrillNumber
              text={formatShare(row.withinTarget, lang)}
              count={null}
              query={query}
              cell={{ ...cell, measure: 'within_target' }}
              scope={scope}
              onDrill={onDrill}
            />
          </>
        )}
      </td>
      <td className="num">{count(row.firstResponseBreaches, 'first_response_breached')}</td>
      <td className="num">{count(row.breaches, 'breached')}</td>
    </>
  );
}

/** A small bar behind the share, so a column of percentages reads at a glance. */
function ShareBar({ share }: { share: number }) {
  return (
    <span className="share-bar" aria-hidden="true">
      <span style={{ width: `${Math.round(share * 100)}%` }} />
    </span>
  );
}

const NUMBER_COLUMNS = [
  'slaReview.col.tickets',
  'slaReview.col.answered',
  'slaReview.col.frMedian',
  'slaReview.col.frP90',
  'slaReview.col.withinTarget',
  'slaReview.col.frBreaches',
  'slaReview.col.breaches',
] as const;

export function RowHeaderCells({ first }: { first: string }) {
  const t = useT();
  return (
    <tr>
      <th scope="col">{first}</th>
      {NUMBER_COLUMNS.map((key) => (
        <th key={key} scope="col" className="num">
          {t(key)}
        </th>
      ))}
    </tr>
  );
}

export function ReviewRowTable({
  kind,
  rows,
  query,
  onDrill,
}: {
  kind: ReviewTableKind;
  rows: SlaReviewRow[];
  query: ReviewQuery;
  onDrill: OpenDrill;
}) {
  const t = useT();
  const planName = usePlanName();
  const headingId = useId();
  const title = t(tableTitles[kind]);
  return (
    <section className="review-card" aria-labelledby={headingId} data-table={kind}>
      <div className="card-head">
        <h2 id={headingId}>{title}</h2>
        <CsvButton table={kind} query={query} label={title} />
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t('slaReview.noRows')}</p>
      ) : (
        <div className="table-wrap">
          <table className="review-table">
            <caption className="visually-hidden">{t('slaReview.tableCaption', { table: title })}</caption>
            <thead>
              <RowHeaderCells first={t(firstColumn[kind])} />
            </thead>
            <tbody>
              {rows.map((row) => {
                const label = rowLabel(kind, row, t, planName);
                return (
                  <tr key={row.key} data-key={row.key}>
                    <th scope="row">{label}</th>
                    <RowCells
                      row={row}
                      query={rowQuery(query, kind, row.key)}
                      scope={label}
                      onDrill={onDrill}
                    />
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
