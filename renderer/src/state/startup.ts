// Start-up, evaluated before anything else (main.tsx imports it first): the first queue page and
// the session check are asked for while the browser is still evaluating React and the views, so
// their answers are back by the time there is something to render them with.
import { prepareEvents } from '../transport';
import { queueShown } from './boot';
import type { Section } from './nav';
import { useQueueData } from './queueData';
import { useSession } from './session';
import { shapeOf } from './viewShapes';
import { queueKey, useViews } from './views';

// The address bar: #/queue/<view>[/ticket/<id>], #/customers, #/calls, #/clients, #/overview or
// #/sla. Read once at start, then mirrored (App.tsx).
export interface Route {
  section: Section;
  viewId: string | null;
  ticketId: number | null;
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'customers') return { section: 'customers', viewId: null, ticketId: null };
  if (parts[0] === 'calls') return { section: 'calls', viewId: null, ticketId: null };
  const leadSections = ['clients', 'overview', 'sla', 'staff', 'channels'] as const;
  const lead = leadSections.find((s) => s === parts[0]);
  if (lead) return { section: lead, viewId: null, ticketId: null };
  const viewId = parts[0] === 'queue' && parts[1] ? parts[1] : null;
  const ticket = parts[2] === 'ticket' ? Number(parts[3]) : NaN;
  return { section: 'queue', viewId, ticketId: Number.isInteger(ticket) && ticket > 0 ? ticket : null };
}

export const startRoute = parseHash(window.location.hash);

// The first queue page is requested at once, in parallel with the session check, from what the
// address or the last session showed (a built-in view's filter and sort are known without asking):
// the first rows paint without waiting for views.list, which comes after them.
const prefetched = (function prefetchQueue(): boolean {
  if (startRoute.section !== 'queue') return false;
  const views = useViews.getState();
  const shape = shapeOf(views, startRoute.viewId ?? views.activeId);
  if (!shape) return false;
  useQueueData.getState().ensure(queueKey(shape), { filter: shape.filter, sort: shape.sort });
  return true;
})();
// Who is signed in is needed to show anything: asked at once, beside the first page.
void useSession.getState().restore();
/** What waits for the first rows: everything, when they are on their way; nothing otherwise. */
export const afterFirstRows: Promise<void> = prefetched ? queueShown : Promise.resolve();
// The events' schemas, kept off the first page's path, are loaded once its rows are shown (or two
// seconds in, whatever is on screen).
void queueShown.then(prepareEvents);
