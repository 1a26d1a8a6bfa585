import { useLang } from '../i18n';
import { formatFull, formatGmt, formatLocal, zoneIsGmt } from '../format/time';

interface DateTimeTextProps {
  ms: number;
  zone: string;
  /** Also show the GMT time: for channels whose hours the rules give in GMT. */
  withGmt: boolean;
  now?: number;
}

/** A moment in the viewer's zone, with GMT beside it when the rules speak GMT. */
export function DateTimeText({ ms, zone, withGmt, now }: DateTimeTextProps) {
  const lang = useLang();
  // A viewer who already works in GMT would read the same time twice.
  if (withGmt && zoneIsGmt(zone)) {
    return (
      <time className="datetime" dateTime={new Date(ms).toISOString()} title={formatFull(ms, zone, lang)}>
        {formatGmt(ms, lang, now, true)}
      </time>
    );
  }
  return (
    <span className="datetime">
      <time dateTime={new Date(ms).toISOString()} title={formatFull(ms, zone, lang)}>
        {formatLocal(ms, zone, lang, now)}
      </time>
      {withGmt && <span className="gmt"> ({formatGmt(ms, lang)})</span>}
    </span>
  );
}

/** Plain-text form of DateTimeText, for sentences and titles. */
export function dateTimeString(
  ms: number,
  zone: string,
  withGmt: boolean,
  lang: Parameters<typeof formatLocal>[2],
  now?: number,
): string {
  if (withGmt && zoneIsGmt(zone)) return formatGmt(ms, lang, now, true);
  const local = formatLocal(ms, zone, lang, now);
  return withGmt ? `${local} (${formatGmt(ms, lang)})` : local;
}
