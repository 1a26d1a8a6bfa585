import { formatFull, formatGmt, formatLocal } from '../format/time';

interface DateTimeTextProps {
  ms: number;
  zone: string;
  /** Also show the GMT time: for channels whose hours the rules give in GMT. */
  withGmt: boolean;
  now?: number;
}

/** A moment in the viewer's zone, with GMT beside it when the rules speak GMT. */
export function DateTimeText({ ms, zone, withGmt, now }: DateTimeTextProps) {
  return (
    <span className="datetime">
      <time dateTime={new Date(ms).toISOString()} title={formatFull(ms, zone)}>
        {formatLocal(ms, zone, now)}
      </time>
      {withGmt && <span className="gmt"> ({formatGmt(ms)})</span>}
    </span>
  );
}
