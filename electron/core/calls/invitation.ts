// What the customer receives about a call: an e-mail with an iCalendar (RFC 5545) attachment. The
// UID stays the same for the life of the call and SEQUENCE grows with every change, so a calendar
// application replaces the first invitation with an update and removes it on a cancellation
// (the iTIP rules of RFC 5546).
import { randomInt } from 'node:crypto';
import type * as IcalGenerator from 'ical-generator';
import type { PhoneTool } from '../../../shared/domain';
import { formatRange } from './format';

export type CallMailKind = 'call_invitation' | 'call_update' | 'call_cancelled';

export interface InvitationCall {
  uid: string;
  sequence: number;
  start: number;
  end: number;
  tool: PhoneTool;
  toolName: string;
  link: string;
  questions: readonly string[];
  contactEmail: string;
  customerName: string;
  customerZone: string | null;
  agentName: string;
  agentEmail: string;
  /** Shown in the title: whose support this is. */
  supportName: string;
}

/** A REQUEST to book or move, a CANCEL to withdraw, a PUBLISH for an agent's own calendar. */
export type IcsPurpose = 'request' | 'cancel' | 'publish';

export function callTitle(call: Pick<InvitationCall, 'supportName' | 'toolName'>): string {
  return `${call.supportName} call over ${call.toolName}`;
}

function description(call: InvitationCall, cancelReason: string | null): string {
  const lines = [
    ...(cancelReason !== null ? [`This call is cancelled: ${cancelReason}`, ''] : []),
    `${callTitle(call)} with ${call.agentName}.`,
    `${call.toolName} link: ${call.link}`,
    '',
    'Your questions:',
    ...call.questions.map((q, i) => `${i + 1}. ${q}`),
  ];
  return lines.join('\n');
}

// ical-generator is loaded when the first invitation is written, not with the core: a start that
// books no call would pay for loading it before serving anything.
let icalGenerator: Promise<typeof IcalGenerator> | null = null;

/** The .ics text for the call as it stands. */
export async function buildIcs(
  call: InvitationCall,
  purpose: IcsPurpose,
  stamp: number,
  cancelReason: string | null = null,
): Promise<string> {
  icalGenerator ??= import('ical-generator');
  const {
    default: ical,
    ICalAttendeeRole,
    ICalAttendeeStatus,
    ICalCalendarMethod,
    ICalEventStatus,
  } = await icalGenerator;
  const methods: Record<IcsPurpose, IcalGenerator.ICalCalendarMethod> = {
    request: ICalCalendarMethod.REQUEST,
    cancel: ICalCalendarMethod.CANCEL,
    publish: ICalCalendarMethod.PUBLISH,
  };
  const calendar = ical({
    prodId: { company: 'Support Console', product: 'Calls', language: 'EN' },
    method: methods[purpose],
  });
  calendar.createEvent({
    id: call.uid,
    sequence: call.sequence,
    stamp: new Date(stamp),
    start: new Date(call.start),
    end: new Date(call.end),
    summary: callTitle(call),
    description: description(call, cancelReason),
    // Calendar applications show LOCATION as the place to go and URL as the link to click.
    location: call.link,
    url: call.link,
    status: purpose === 'cancel' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: call.agentName, email: call.agentEmail },
    attendees: [
      {
        email: call.contactEmail,
        name: call.customerName,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
        rsvp: purpose === 'request',
      },
    ],
    x: [['X-SUPPORT-CONSOLE-TOOL', call.tool]],
  });
  const text = calendar.toString();
  // RFC 5545 ends every content line, the last one included, with CRLF; ical-generator omits the last.
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/** The e-mail around the attachment, with the time in GMT and in the customer's zone. */
export function callMail(
  kind: CallMailKind,
  call: InvitationCall,
  phoneZone: string,
  previous: { start: number; end: number } | null,
  cancelReason: string | null,
): { subject: string; body: string } {
  const when = formatRange(call.start, call.end, phoneZone);
  const local =
    call.customerZone && call.customerZone !== phoneZone
      ? ` (${formatRange(call.start, call.end, call.customerZone)})`
      : '';
  const title = callTitle(call);
  const details = [
    `When: ${when}${local}`,
    `With: ${call.agentName}`,
    `${call.toolName}: ${call.link}`,
    '',
    'Your questions, so that we can prepare:',
    ...call.questions.map((q, i) => `${i + 1}. ${q}`),
  ];
  const greeting = `Hello ${call.customerName},`;
  switch (kind) {
    case 'call_invitation':
      return {
        subject: `${title}: ${when}`,
        body: [
          greeting,
          '',
          'Your call is booked. The invitation is attached (call.ics).',
          '',
          ...details,
        ].join('\n'),
      };
    case 'call_update':
      return {
        subject: `Updated: ${title}: ${when}`,
        body: [
          greeting,
          '',
          previous && (previous.start !== call.start || previous.end !== call.end)
            ? `Your call has moved from ${formatRange(previous.start, previous.end, phoneZone)}. The updated invitation is attached (call.ics).`
            : 'The details of your call have changed. The updated invitation is attached (call.ics).',
          '',
          ...details,
        ].join('\n'),
      };
    case 'call_cancelled':
      return {
        subject: `Cancelled: ${title}: ${when}`,
        body: [
          greeting,
          '',
          `Your call on ${when}${local} is cancelled${cancelReason ? `: ${cancelReason}` : '.'}`,
          'The attached cancellation (call.ics) removes it from your calendar.',
        ].join('\n'),
      };
  }
}

const letters = 'abcdefghijkmnopqrstuvwxyz';

function code(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += letters[randomInt(letters.length)];
  return out;
}

/**
 * A link of the tool's shape for the agent to replace with the real meeting when they create it;
 * the console cannot create meetings itself.
 */
export function placeholderLink(tool: PhoneTool): string {
  return tool === 'skype'
    ? `https://join.skype.com/${code(12)}`
    : `https://meet.google.com/${code(3)}-${code(4)}-${code(3)}`;
}
