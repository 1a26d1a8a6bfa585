import type { EventName, EventPayload } from '../../../shared/contract';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;

/** Fans events out to every connected client: Electron windows and serve-mode browsers alike. */
export class EventBus {
  private listeners = new Map<EventName, Set<Listener<EventName>>>();

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as Listener<EventName>);
    this.listeners.set(event, set);
    return () => set.delete(listener as Listener<EventName>);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        // One broken subscriber (a closed window) must not stop the others from hearing.
        console.error(`event listener for ${event} failed`, error);
      }
    }
  }
}
