// Ticket actions shared by the buttons, menus and keyboard shortcuts, so each does exactly the same
// thing and reports where the person acted. A successful write patches the rows this window shows
// at once; the data.changed event that follows refreshes the rest.
import { create } from 'zustand';
import type { ApiErrorShape, TicketSummary } from '../../../shared/contract';
import type { TicketStatus } from '../../../shared/domain';
import { currentT } from '../i18n';
import { api } from '../transport';
import { useQueueData } from './queueData';
import { useSession } from './session';

export type ActionPlace = 'ticket' | 'queue';

interface ActionState {
  /** The last action's outcome, shown (and announced) where it was taken. */
  place: ActionPlace | null;
  ticketId: number | null;
  message: string | null;
  error: ApiErrorShape | null;
  busy: boolean;
  report(place: ActionPlace, ticketId: number, outcome: { message?: string; error?: ApiErrorShape }): void;
  clear(): void;
}

export const useActionStatus = create<ActionState>()((set) => ({
  place: null,
  ticketId: null,
  message: null,
  error: null,
  busy: false,
  report: (place, ticketId, outcome) =>
    set({ place, ticketId, message: outcome.message ?? null, error: outcome.error ?? null, busy: false }),
  clear: () => set({ place: null, ticketId: null, message: null, error: null }),
}));

function applied(ticket: TicketSummary): void {
  useQueueData.getState().patchTicket(ticket);
}

export async function assignTicket(
  ticketId: number,
  assigneeId: number | null,
  place: ActionPlace,
): Promise<TicketSummary | null> {
  const t = currentT();
  useActionStatus.setState({ busy: true });
  // What this window shows as the holder: if another agent took the ticket meanwhile, the core
  // refuses and says who, instead of silently taking it from them.
  const shown = shownTicket(ticketId);
  const result = await api['tickets.assign']({
    ticketId,
    assigneeId,
    ...(shown ? { expectedAssigneeId: shown.assigneeId } : {}),
  });
  const status = useActionStatus.getState();
  if (!result.ok) {
    status.report(place, ticketId, { error: result.error });
    return null;
  }
  applied(result.value);
  status.report(place, ticketId, {
    message:
      assigneeId === null
        ? t('action.unassigned')
        : t('action.assignedTo', { name: result.value.assigneeName ?? '' }),
  });
  return result.value;
}

function shownTicket(ticketId: number): TicketSummary | undefined {
  for (const list of Object.values(useQueueData.getState().lists)) {
    const row = list?.rows.find((r) => r.id === ticketId);
    if (row) return row;
  }
  return undefined;
}

export async function assignToMe(ticketId: number, place: ActionPlace): Promise<TicketSummary | null> {
  const me = useSession.getState().me;
  if (!me) return null;
  return assignTicket(ticketId, me.id, place);
}

export async function setTicketStatus(
  ticketId: number,
  status: TicketStatus,
  place: ActionPlace,
): Promise<TicketSummary | null> {
  const t = currentT();
  useActionStatus.setState({ busy: true });
  const result = await api['tickets.setStatus']({ ticketId, status });
  const report = useActionStatus.getState().report;
  if (!result.ok) {
    report(place, ticketId, { error: result.error });
    return null;
  }
  applied(result.value);
  report(place, ticketId, { message: t('action.statusSet', { status: t(`status.${status}`) }) });
  return result.value;
}
