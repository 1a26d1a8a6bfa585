// What the agent is writing, per ticket and kind, kept outside the composer so that switching
// tickets, a failed send or a reload loses nothing. Cleared only once a send succeeds.
import { create } from 'zustand';

const KEY = 'support-console.drafts';

function load(): Record<string, string> {
  try {
    const text = sessionStorage.getItem(KEY);
    return text ? (JSON.parse(text) as Record<string, string>) : {};
  } catch {
    return {};
  }
}

interface DraftState {
  drafts: Record<string, string>;
  set(key: string, text: string): void;
  clear(key: string): void;
}

export const useDrafts = create<DraftState>()((set, get) => ({
  drafts: load(),
  set(key, text) {
    const drafts = { ...get().drafts };
    if (text === '') delete drafts[key];
    else drafts[key] = text;
    set({ drafts });
    try {
      sessionStorage.setItem(KEY, JSON.stringify(drafts));
    } catch {
      // Kept in memory for this window even when storage is full or blocked.
    }
  },
  clear(key) {
    get().set(key, '');
  },
}));

export function draftKey(ticketId: number, kind: string): string {
  return `${ticketId}:${kind}`;
}
