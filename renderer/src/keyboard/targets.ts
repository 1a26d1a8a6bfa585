// What keyboard shortcuts act on, registered by the components that own it: the open ticket's
// status menu, its composer. Module state, not React state: a shortcut reads it at the moment of
// the key press and nothing re-renders when it changes.
import type { MenuHandle } from '../components/MenuButton';

export interface ComposerHandle {
  focus(kind: 'answer' | 'internal_note'): void;
}

export const shortcutTargets: {
  statusMenu: MenuHandle | null;
  composer: ComposerHandle | null;
} = { statusMenu: null, composer: null };

/** A composer to focus once the ticket a shortcut opened has loaded. */
export const pending: { composerKind: 'answer' | 'internal_note' | null } = { composerKind: null };
