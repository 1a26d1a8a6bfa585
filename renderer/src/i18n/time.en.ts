// Words of the response clock and of opening hours that the core sends as data (issue #12): the
// countdown before the core's first report, the clock of an item that arrived while its channel was
// closed (its tense follows now), and opening hours written from their windows.
import type { Msg } from './en';

export const timeEn = {
  'sla.pending': '…',
  'sla.pendingHint': 'Waiting for the business time the core counts',
  'decision.closedAtArrivalStarts':
    '{channel} was closed when this arrived; the clock starts when it opens, {at}.',
  'flag.outsideHoursHintStarts': 'Arrived while the channel was closed; the clock starts at the opening.',
  'hours.alwaysOpen': '24/7',
  'hours.closed': 'closed',
  'hours.exceptHolidays': '(except holidays)',
} satisfies Record<string, Msg>;
