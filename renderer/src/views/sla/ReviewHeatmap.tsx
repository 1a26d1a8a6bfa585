// Arrivals by hour of the week, laid over a channel's support window: an HTML table (readable by
// assistive technology, navigable with the arrow keys), darker where more tickets arrived; hatched
// where the chosen channel is closed, with a bar for the minutes it is open in partly open hours;
// outlined where tickets arrived while their own channel was closed (demand outside hours).
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Info } from 'luxon';
import type { SlaReview } from '../../../../shared/sla';
import type { ChannelId } from '../../../../shared/domain';
import { formatCount } from '../../format/number';
import { localeOf, useLang, useT, type MessageKey } from '../../i18n';
import type { DrillMeasure, ReviewQuery } from './reviewDrill';
import { CsvButton, type OpenDrill } from './ReviewTables';

type Heatmap = SlaReview['heatmap'];
type Mode = 'all' | 'outside';

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const DAYS = [0, 1, 2, 3, 4, 5, 6];
/** Row 7 and column 24 are the totals. */
const TOTAL_ROW = 7;
const TOTAL_COL = 24;

const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

function level(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(5, Math.max(1, Math.ceil((value / max) * 5)));
}

export function ReviewHeatmap({
  heatmap,
  query,
  onDrill,
}: {
  heatmap: Heatmap;
  query: ReviewQuery;
  onDrill: OpenDrill;
}) {
  const t = useT();
  const lang = useLang();
  const headingId = useId();
  const legendId = useId();
  const overlayId = useId();
  const title = t('slaReview.heatmap');
  const [mode, setMode] = useState<Mode>('all');
  const [chosen, setChosen] = useState<ChannelId | ''>('');
  const [focus, setFocus] = useState({ r: 0, c: 0 });
  const [detail, setDetail] = useState<string | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);

  const shortDays = useMemo(() => Info.weekdays('short', { locale: localeOf(lang) }), [lang]);
  const longDays = useMemo(() => Info.weekdays('long', { locale: localeOf(lang) }), [lang]);
  const channelName = (id: ChannelId) => t(`channel.${id}` as MessageKey);

  // The overlay: the filtered channel, else the lead's choice, else the first channel with closed hours.
  const overlayChannel: ChannelId | '' =
    query.channel ??
    (chosen ||
      heatmap.openMinutes.find((c) => c.minutes.some((row) => row.some((m) => m < 60)))?.channel ||
      heatmap.openMinutes[0]?.channel ||
      '');
  const open = heatmap.openMinutes.find((c) => c.channel === overlayChannel)?.minutes ?? null;

  const grid = mode === 'all' ? heatmap.arrivals : heatmap.arrivalsOutsideHours;
  const measure: DrillMeasure = mode === 'all' ? 'arrivals' : 'arrivals_outside_hours';
  const value = (d: number, h: number) => grid[d]?.[h] ?? 0;
  const outside = (d: number, h: number) => heatmap.arrivalsOutsideHours[d]?.[h] ?? 0;
  const dayTotal = (d: number) => (grid[d] ?? []).reduce((a, b) => a + b, 0);
  const hourTotal = (h: number) => DAYS.reduce((a, d) => a + value(d, h), 0);
  const total = DAYS.reduce((a, d) => a + dayTotal(d), 0);
  const outsideTotal = heatmap.arrivalsOutsideHours.flat().reduce((a, b) => a + b, 0);
  const max = Math.max(0, ...grid.flat());

  const measureText = (n: number) =>
    mode === 'all'
      ? t('slaReview.heat.arrivals', { n: formatCount(n, lang), count: n })
      : t('slaReview.heat.outside', { n: formatCount(n, lang), count: n });

  function cellText(d: number, h: number): string {
    const parts = [
      `${longDays[d] ?? ''} ${hh(h)}–${hh((h + 1) % 24)} ${t('slaReview.heat.utc')}`,
      measureText(value(d, h)),
    ];
    if (mode === 'all' && outside(d, h) > 0) {
      parts.push(t('slaReview.heat.outside', { n: formatCount(outside(d, h), lang), count: outside(d, h) }));
    }
    if (open && overlayChannel) {
      const m = Math.round(open[d]?.[h] ?? 0);
      parts.push(
        m >= 60
          ? t('slaReview.heat.open', { channel: channelName(overlayChannel) })
          : m <= 0
            ? t('slaReview.heat.closed', { channel: channelName(overlayChannel) })
            : t('slaReview.heat.openPart', { channel: channelName(overlayChannel), m }),
      );
    }
    return parts.join(' · ');
  }

  function drill(
    cell: { weekday?: number; hour?: number },
    count: number,
    scope: string,
    opener: HTMLElement,
  ) {
    if (count === 0) return;
    onDrill({ query, cell: { ...cell, measure }, scope, count, opener });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableElement>) {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    let next: { r: number; c: number } | null = null;
    const move = moves[event.key];
    if (move) {
      next = {
        r: Math.min(TOTAL_ROW, Math.max(0, focus.r + move[0])),
        c: Math.min(TOTAL_COL, Math.max(0, focus.c + move[1])),
      };
    } else if (event.key === 'Home') next = { r: event.ctrlKey ? 0 : focus.r, c: 0 };
    else if (event.key === 'End') next = { r: event.ctrlKey ? TOTAL_ROW : focus.r, c: TOTAL_COL };
    if (!next) return;
    event.preventDefault();
    setFocus(next);
    tableRef.current?.querySelector<HTMLElement>(`[data-r="${next.r}"][data-c="${next.c}"]`)?.focus();
  }

  /**
   * One focusable cell of the roving grid. Called as a function, not rendered as a component, so
   * React keeps the buttons (and their focus) across renders.
   */
  function cellButton({
    r,
    c,
    count,
    label,
    scope,
    cell,
    className,
  }: {
    r: number;
    c: number;
    count: number;
    label: string;
    scope: string;
    cell: { weekday?: number; hour?: number };
    className: string;
  }) {
    return (
      <button
        type="button"
        className={className}
        data-r={r}
        data-c={c}
        tabIndex={focus.r === r && focus.c === c ? 0 : -1}
        aria-label={label}
        aria-disabled={count === 0 || undefined}
        onFocus={() => {
          setFocus({ r, c });
          setDetail(label);
        }}
        onMouseEnter={() => setDetail(label)}
        onClick={(e) => drill(cell, count, scope, e.currentTarget)}
      >
        {count > 0 ? formatCount(count, lang) : ''}
      </button>
    );
  }

  return (
    <section className="review-card review-heatmap" aria-labelledby={headingId}>
      <div className="card-head">
        <h2 id={headingId}>{title}</h2>
        <span className="muted small">{t('slaReview.heat.zone', { zone: heatmap.zone })}</span>
        <CsvButton table="heatmap" query={query} label={title} />
      </div>
      <div className="heat-controls">
        <div className="segmented" role="group" aria-label={t('slaReview.heat.show')}>
          <button type="button" aria-pressed={mode === 'all'} onClick={() => setMode('all')}>
            {t('slaReview.heat.modeAll')}
          </button>
          <button type="button" aria-pressed={mode === 'outside'} onClick={() => setMode('outside')}>
            {t('slaReview.heat.modeOutside')}
          </button>
        </div>
        <label htmlFor={overlayId}>{t('slaReview.heat.overlay')}</label>
        <select
          id={overlayId}
          value={overlayChannel}
          disabled={query.channel !== undefined}
          onChange={(e) => setChosen(e.target.value as ChannelId)}
        >
          {heatmap.openMinutes.map((c) => (
            <option key={c.channel} value={c.channel}>
              {channelName(c.channel)}
            </option>
          ))}
        </select>
        {query.channel !== undefined && (
          <span className="muted small">{t('slaReview.heat.overlayFiltered')}</span>
        )}
        <button
          type="button"
          className="link-button outside-total"
          disabled={outsideTotal === 0}
          onClick={(e) =>
            onDrill({
              query,
              cell: { measure: 'arrivals_outside_hours' },
              scope: t('slaReview.scopeAll'),
              count: outsideTotal,
              opener: e.currentTarget,
            })
          }
        >
          {t('slaReview.heat.demandOutside', { n: formatCount(outsideTotal, lang), count: outsideTotal })}
        </button>
      </div>
      <div className="heat-wrap">
        <table
          className="heat-table"
          ref={tableRef}
          onKeyDown={onKeyDown}
          aria-describedby={legendId}
          data-mode={mode}
        >
          <caption className="visually-hidden">
            {mode === 'all' ? t('slaReview.heat.captionAll') : t('slaReview.heat.captionOutside')}
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('slaReview.heat.day')}</span>
              </th>
              {HOURS.map((h) => (
                <th key={h} scope="col" className="heat-hour">
                  <abbr title={`${hh(h)}–${hh((h + 1) % 24)} ${t('slaReview.heat.utc')}`}>
                    {String(h).padStart(2, '0')}
                  </abbr>
                </th>
              ))}
              <th scope="col" className="heat-total-head">
                {t('slaReview.heat.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {DAYS.map((d) => (
              <tr key={d}>
                <th scope="row">
                  <abbr title={longDays[d]}>{shortDays[d]}</abbr>
                </th>
                {HOURS.map((h) => {
                  const v = value(d, h);
                  const m = open ? (open[d]?.[h] ?? 0) : 60;
                  const classes = [`heat-cell`, `heat-${level(v, max)}`];
                  if (m <= 0) classes.push('closed');
                  if (mode === 'all' && outside(d, h) > 0) classes.push('has-outside');
                  return (
                    <td key={h} className="heat-td">
                      {cellButton({
                        r: d,
                        c: h,
                        count: v,
                        label: cellText(d, h),
                        scope: `${longDays[d] ?? ''} ${hh(h)}–${hh((h + 1) % 24)} ${t('slaReview.heat.utc')}`,
                        cell: { weekday: d, hour: h },
                        className: classes.join(' '),
                      })}
                      {open && m > 0 && (
                        <span
                          className="heat-open"
                          style={{ width: `${Math.min(100, (m / 60) * 100)}%` }}
                          aria-hidden="true"
                        />
                      )}
                    </td>
                  );
                })}
                <td className="heat-td">
                  {cellButton({
                    r: d,
                    c: TOTAL_COL,
                    count: dayTotal(d),
                    label: `${longDays[d] ?? ''}: ${measureText(dayTotal(d))}`,
                    scope: longDays[d] ?? '',
                    cell: { weekday: d },
                    className: 'heat-cell heat-total',
                  })}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('slaReview.heat.allDays')}</th>
              {HOURS.map((h) => (
                <td key={h} className="heat-td">
                  {cellButton({
                    r: TOTAL_ROW,
                    c: h,
                    count: hourTotal(h),
                    label: `${hh(h)}–${hh((h + 1) % 24)} ${t('slaReview.heat.utc')}, ${t('punct.colon', { text: t('slaReview.heat.allDays') })} ${measureText(hourTotal(h))}`,
                    scope: `${hh(h)}–${hh((h + 1) % 24)} ${t('slaReview.heat.utc')}`,
                    cell: { hour: h },
                    className: 'heat-cell heat-total',
                  })}
                </td>
              ))}
              <td className="heat-td">
                {cellButton({
                  r: TOTAL_ROW,
                  c: TOTAL_COL,
                  count: total,
                  label: `${t('punct.colon', { text: t('slaReview.heat.total') })} ${measureText(total)}`,
                  scope: t('slaReview.scopeAll'),
                  cell: {},
                  className: 'heat-cell heat-total',
                })}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="heat-detail small" aria-hidden="true">
        {detail ?? t('slaReview.heat.hint')}
      </p>
      <ul className="heat-legend small" id={legendId}>
        <li>
          <span className="swatch swatch-scale" aria-hidden="true">
            {[1, 2, 3, 4, 5].map((l) => (
              <span key={l} className={`heat-${l}`} />
            ))}
          </span>
          {mode === 'all' ? t('slaReview.heat.legendScale') : t('slaReview.heat.legendScaleOutside')}
        </li>
        {overlayChannel && (
          <>
            <li>
              <span className="swatch swatch-closed" aria-hidden="true" />
              {t('slaReview.heat.legendClosed', { channel: channelName(overlayChannel) })}
            </li>
            <li>
              <span className="swatch swatch-open" aria-hidden="true" />
              {t('slaReview.heat.legendOpen', { channel: channelName(overlayChannel) })}
            </li>
          </>
        )}
        {mode === 'all' && (
          <li>
            <span className="swatch swatch-outside" aria-hidden="true" />
            {t('slaReview.heat.legendOutside')}
          </li>
        )}
        <li className="muted">{t('slaReview.heat.legendRefused')}</li>
      </ul>
    </section>
  );
}
