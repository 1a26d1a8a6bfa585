// Events crossing a process boundary are input like any other: each is checked against the
// contract's schema before this process re-emits it (another process may run another version).
import { events as contractEvents, type EventName } from '../../../shared/contract';
import type { LiveEvent } from './types';

function isEventName(name: string): name is EventName {
  return Object.hasOwn(contractEvents, name);
}

/** The event, or null (with a warning naming the problem) when it is not one this version knows. */
export function parseLiveEvent(name: string, payloadJson: string): LiveEvent | null {
  if (!isEventName(name)) {
    console.warn(`[live] ignored an unknown event "${name}" from another process`);
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(payloadJson);
  } catch {
    console.warn(`[live] ignored a ${name} event from another process: its payload is not JSON`);
    return null;
  }
  const parsed = contractEvents[name].safeParse(json);
  if (!parsed.success) {
    console.warn(`[live] ignored a malformed ${name} event from another process`, parsed.error.issues);
    return null;
  }
  return { event: name, payload: parsed.data } as LiveEvent;
}
