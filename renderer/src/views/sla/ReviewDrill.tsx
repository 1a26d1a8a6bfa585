// The tickets behind a number of the review, in a dialog: subject, channel, plan, agent, arrival,
// first response against its target, outcome, breaches and rule version; paged by cursor, exported
// as CSV, and each ticket a button that opens it in the queue.
import { useRef } from 'react';
import type { SlaReviewTicket } from '../../../../shared/sla';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { formatCount } from '../../format/number';
import { DateTime } from 'luxon';
import { formatFull, formatGmt, formatLocal, zoneIsGmt } from '../../format/time';
import { useLang, useT, type MessageKey } from '../../i18n';
import { useDataChanged } from '../../state/live';
import { focusTicketTitle, useNav } from '../../state/nav';
import { usePagedList } from '../../state/resource';
import { api } from '../../transport';
import { drillKey, type DrillRequest } from './reviewDrill';
import { formatBusinessMinutes } from './reviewFormat';
import { CsvButton, measureKeys } from './ReviewTables';
import { usePlanName } from '../../state/rules';

const PAGE = 50;
const REFRESH_TOPICS = new Set(['tickets', 'messages', 'sla']);

export function ReviewDrill({
  drill,
  zone,
  filterSummary,
  versionLabels,
  onClose,
}: {
  drill: DrillRequest;
  zone: string;
  /** The review's period and filters, in words. */
  filterSummary: string;
  versionLabels: ReadonlyMap<number, string>;
  onClose(): void;
}) {
  const t = useT();
  const lang = useLang();
  const planName = usePlanName();
  const { query, cell } = drill;
  const list = usePagedList<SlaReviewTicket>(
    drillKey(query, cell),
    (cursor, limit) => api['sla.reviewTickets']({ ...query, ...cell, cursor, limit }),
    PAGE,
  );
  const pending = useRef<number | undefined>(undefined);
  useDataChanged(
    (change) => change.topics.some((x) => REFRESH_TOPICS.has(x)),
    () => {
      window.clearTimeout(pending.current);
      pending.current = window.setTimeout(list.refresh, 1500);
    },
  );

  const measure = t(measureKeys[cell.measure]);
  const title = t('slaReview.drill.title', { measure, scope: drill.scope });

  function open(ticketId: number) {
    onClose();
    useNav.getState().openTicket(ticketId);
    focusTicketTitle();
  }

  return (
    <Dialog title={title} description={filterSummary} onClose={() => onClose()} className="review-drill">
      <div className="drill-head">
        <p role="status" className="drill-count" data-total={list.total ?? ''}>
          {list.total === null
            ? list.error
              ? ''
              : t('app.loading')
            : t('slaReview.drill.count', {
                n: formatCount(list.total, lang),
                count: list.total,
                shown: formatCount(list.rows.length, lang),
              })}
        </p>
        <CsvButton table="tickets" query={query} cell={cell} label={title} />
      </div>
      {cell.measure === 'breached' && drill.count !== null && (
        <p className="muted small">
          {t('slaReview.drill.breachesNote', { n: formatCount(drill.count, lang), count: drill.count })}
        </p>
      )}
      {list.error && <ErrorNote error={list.error} onRetry={list.refresh} compact />}
      {list.total === 0 ? (
        <p className="muted">{t('slaReview.drill.none')}</p>
      ) : (
        list.rows.length > 0 && (
          <div className="table-wrap drill-table-wrap">
            <table className="review-table drill-table">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('slaReview.drill.ticket')}</th>
                  <th scope="col">{t('slaReview.col.channel')}</th>
                  <th scope="col">{t('slaReview.col.plan')}</th>
                  <th scope="col">{t('slaReview.col.agent')}</th>
                  <th scope="col">{t('slaReview.drill.arrived')}</th>
                  <th scope="col">{t('slaReview.drill.firstResponse')}</th>
                  <th scope="col">{t('slaReview.col.withinTarget')}</th>
                  <th scope="col" className="num">
                    {t('slaReview.drill.breaches')}
                  </th>
                  <th scope="col">{t('slaReview.drill.ruleVersion')}</th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((r) => (
                  <tr key={r.ticketId} data-ticket-id={r.ticketId}>
                    <td className="drill-subject">
                      <span className="muted small">#{r.ticketId} </span>
                      <button type="button" className="link-button" onClick={() => open(r.ticketId)}>
                        {r.subject}
                      </button>
                    </td>
                    <td>{t(`channel.${r.channel}` as MessageKey)}</td>
                    <td>{r.planId ? planName(r.planId) : <span className="muted">—</span>}</td>
                    <td>{r.agentName ?? <span className="muted">{t('slaReview.nobody')}</span>}</td>
                    <td className="nowrap">
                      <span title={formatFull(r.createdAt, zone, lang)}>
                        {formatLocal(r.createdAt, zone, lang, 0)}
                      </span>
                      {!readsAsGmt(r.createdAt, zone) && (
                        <span className="muted small block">{formatGmt(r.createdAt, lang, 0, true)}</span>
                      )}
                      {r.outsideHours && (
                        <span className="flag flag-warn" title={t('slaReview.drill.outsideHint')}>
                          {t('slaReview.drill.outside')}
                        </span>
                      )}
                    </td>
                    <td className="nowrap">
                      <FirstResponse row={r} />
                    </td>
                    <td>
                      <Outcome row={r} />
                    </td>
                    <td className="num">
                      {r.breaches === 0 ? <span className="muted">0</span> : formatCount(r.breaches, lang)}
                    </td>
                    <td className="nowrap">
                      {r.ruleVersion === null
                        ? '—'
                        : (versionLabels.get(r.ruleVersion) ?? t('slaReview.version', { n: r.ruleVersion }))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
      {(list.hasMore || list.moreError) && (
        <div className="load-more">
          <button type="button" onClick={list.loadMore} disabled={list.loadingMore}>
            {list.loadingMore ? t('app.loading') : t('slaReview.drill.more')}
          </button>
          {list.moreError && <ErrorNote error={list.moreError} onRetry={list.loadMore} compact />}
        </div>
      )}
    </Dialog>
  );
}

/** Whether the zone shows GMT's clock at that instant, so a GMT time beside it would only repeat it. */
function readsAsGmt(ms: number, zone: string): boolean {
  if (zoneIsGmt(zone)) return true;
  const local = DateTime.fromMillis(ms, { zone });
  return local.isValid && local.offset === 0;
}

function FirstResponse({ row }: { row: SlaReviewTicket }) {
  const t = useT();
  const target =
    row.targetMinutes === null ? null : (
      <span className="muted small block">
        {t('slaReview.drill.target', { time: formatBusinessMinutes(row.targetMinutes, t) })}
      </span>
    );
  if (row.intakeOutcome === 'refuse') return <span className="muted">{t('slaReview.drill.refused')}</span>;
  if (row.firstResponseMinutes === null) {
    return (
      <>
        <span className="muted">{t('slaReview.drill.unanswered')}</span>
        {target}
      </>
    );
  }
  return (
    <>
      {formatBusinessMinutes(row.firstResponseMinutes, t)}
      {target}
    </>
  );
}

function Outcome({ row }: { row: SlaReviewTicket }) {
  const t = useT();
  if (row.withinTarget === true) return <span className="flag flag-ok">{t('slaReview.drill.yes')}</span>;
  if (row.withinTarget === false) return <span className="flag flag-danger">{t('slaReview.drill.no')}</span>;
  const measured = row.intakeOutcome === 'accept' && row.targetMinutes !== null;
  return (
    <span className="muted">{measured ? t('slaReview.drill.notYet') : t('slaReview.drill.notMeasured')}</span>
  );
}
