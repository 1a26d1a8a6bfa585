// On a phone ticket: the call request it carries, its state, and the way to the slot finder.
import { useDataChanged } from '../../state/live';
import { useLang, useT } from '../../i18n';
import { useResource } from '../../state/resource';
import { api } from '../../transport';
import { showCall } from './callsNav';
import { formatWhen } from '../../format/time';

export function TicketCall({ ticketId, customerId }: { ticketId: number; customerId: number }) {
  const t = useT();
  const lang = useLang();
  const res = useResource(`ticket-call:${ticketId}`, () => api['calls.list']({ customerId, limit: 500 }));
  useDataChanged((c) => c.topics.includes('calls'), res.reload);
  const call = res.data?.find((c) => c.ticketId === ticketId);
  if (!call) return null;
  return (
    <p className="ticket-call">
      <span>
        {t('calls.fromTicket')} · {t(`calls.status.${call.status}`)}
        {call.startsAt !== null &&
          call.endsAt !== null &&
          ` · ${formatWhen(call.startsAt, call.endsAt, call.agentZone ?? 'UTC', lang)}`}
      </span>{' '}
      <button type="button" className="link-button" onClick={() => showCall(call.id)}>
        {call.status === 'requested' ? t('calls.findSlot') : t('calls.openCall')}
      </button>
    </p>
  );
}
