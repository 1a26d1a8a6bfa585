// Keyboard-first: every action an agent repeats all day has a single key. Keys are ignored while
// typing (inputs, textareas, selects) and while a dialog or menu has the keyboard; each action
// leaves focus somewhere sensible, never on a removed element.
import { useEffect } from 'react';
import type { MessageKey } from '../i18n';
import { assignToMe } from '../state/actions';
import { focusQueue, focusTicketTitle, useNav } from '../state/nav';
import { emptyList, useQueueData } from '../state/queueData';
import { queueKey, selectActiveShape, useViews } from '../state/views';
import { pending, shortcutTargets } from './targets';

export interface Shortcut {
  keys: string[];
  /** Keys pressed one after the other rather than together. */
  sequence?: boolean;
  action: MessageKey;
}

export const shortcutList: Shortcut[] = [
  { keys: ['j'], action: 'shortcut.next' },
  { keys: ['k'], action: 'shortcut.previous' },
  { keys: ['Enter'], action: 'shortcut.open' },
  { keys: ['r'], action: 'shortcut.reply' },
  { keys: ['n'], action: 'shortcut.note' },
  { keys: ['Ctrl', 'Enter'], action: 'shortcut.send' },
  { keys: ['a'], action: 'shortcut.assign' },
  { keys: ['s'], action: 'shortcut.status' },
  { keys: ['/'], action: 'shortcut.search' },
  { keys: ['g', 'v'], sequence: true, action: 'shortcut.views' },
  { keys: ['c'], action: 'shortcut.newTicket' },
  { keys: ['Esc'], action: 'shortcut.close' },
  { keys: ['?'], action: 'shortcut.help' },
];

const SEQUENCE_MS = 1_500;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
  }
  return false;
}

function isControl(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    target.closest('button, a[href], summary, [role="menuitemradio"], [role="option"]') !== null
  );
}

// The rows on screen: the same shape the queue shows, built-in ones included, so j and k work on a
// first start's rows before views.list has answered.
function activeRows() {
  const shape = selectActiveShape(useViews.getState());
  if (!shape) return emptyList.rows;
  return (useQueueData.getState().lists[queueKey(shape)] ?? emptyList).rows;
}

function moveSelection(delta: number): void {
  const nav = useNav.getState();
  const rows = activeRows();
  if (rows.length === 0) return;
  const current = nav.selectedTicketId === null ? -1 : rows.findIndex((r) => r.id === nav.selectedTicketId);
  const from = current < 0 ? (delta > 0 ? -1 : rows.length) : current;
  const next = rows[Math.max(0, Math.min(rows.length - 1, from + delta))];
  if (!next) return;
  if (nav.openTicketId !== null) nav.openTicket(next.id);
  else nav.select(next.id);
}

const QUEUE_KEYS = new Set(['j', 'k', 'Enter', 'r', 'n', 'a', 's']);

export function useGlobalShortcuts(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let awaitingSecond: number | null = null;

    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const nav = useNav.getState();
      if (nav.dialog !== null) return;
      if (event.target instanceof HTMLElement && event.target.closest('[role="menu"], dialog')) return;
      if (isTyping(event.target)) return;

      if (awaitingSecond !== null) {
        window.clearTimeout(awaitingSecond);
        awaitingSecond = null;
        if (event.key === 'v') {
          event.preventDefault();
          nav.openDialog('views');
          return;
        }
      }

      // The ticket keys act on the queue's rows and open ticket: only where they are on screen (the
      // other sections have keys of their own, and must not assign a ticket nobody sees).
      if (nav.section !== 'queue' && QUEUE_KEYS.has(event.key)) return;

      switch (event.key) {
        case 'j':
          event.preventDefault();
          moveSelection(1);
          return;
        case 'k':
          event.preventDefault();
          moveSelection(-1);
          return;
        case 'Enter': {
          if (isControl(event.target)) return;
          const id = nav.selectedTicketId;
          if (id === null) return;
          event.preventDefault();
          nav.openTicket(id);
          focusTicketTitle();
          return;
        }
        case 'r':
        case 'n': {
          const kind = event.key === 'r' ? 'answer' : 'internal_note';
          event.preventDefault();
          if (nav.openTicketId !== null && shortcutTargets.composer) {
            shortcutTargets.composer.focus(kind);
          } else if (nav.selectedTicketId !== null) {
            pending.composerKind = kind;
            nav.openTicket(nav.selectedTicketId);
          }
          return;
        }
        case 'a': {
          const id = nav.openTicketId ?? nav.selectedTicketId;
          if (id === null) return;
          event.preventDefault();
          void assignToMe(id, nav.openTicketId !== null ? 'ticket' : 'queue');
          return;
        }
        case 's':
          if (nav.openTicketId === null || !shortcutTargets.statusMenu) return;
          event.preventDefault();
          shortcutTargets.statusMenu.open();
          return;
        case '/':
          event.preventDefault();
          nav.openDialog('search');
          return;
        case 'c':
          event.preventDefault();
          nav.openDialog('newTicket');
          return;
        case '?':
          event.preventDefault();
          nav.openDialog('help');
          return;
        case 'g':
          event.preventDefault();
          awaitingSecond = window.setTimeout(() => {
            awaitingSecond = null;
          }, SEQUENCE_MS);
          return;
        case 'Escape':
          if (nav.openTicketId !== null) {
            event.preventDefault();
            nav.closeTicket();
            window.requestAnimationFrame(focusQueue);
          } else if (nav.customerId !== null) {
            event.preventDefault();
            nav.closeCustomer();
            window.requestAnimationFrame(focusQueue);
          }
          return;
      }
    }

    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      if (awaitingSecond !== null) window.clearTimeout(awaitingSecond);
    };
  }, [enabled]);
}

/**
 * The safety net behind "focus is never lost": when the focused element is removed (a row scrolled
 * away, a ticket replaced by the next one), focus goes to the open ticket's title or the queue
 * instead of falling to the page body.
 */
export function useFocusSafetyNet(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let last: Element | null = null;
    const onFocusIn = (event: FocusEvent) => {
      last = event.target instanceof Element ? event.target : null;
    };
    const onFocusOut = () => {
      window.requestAnimationFrame(() => {
        if (document.activeElement !== document.body && document.activeElement !== null) return;
        if (!last || last.isConnected) return;
        if (useNav.getState().dialog !== null) return;
        const title = document.getElementById('ticket-title');
        if (title) title.focus();
        else focusQueue();
      });
    };
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', onFocusOut);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', onFocusOut);
    };
  }, [enabled]);
}
