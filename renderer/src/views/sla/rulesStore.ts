// The lead's edit of the SLA targets and holidays, kept outside the editor component so that switching
// to the review tab and back does not lose it. The edit starts from the version in force; a save
// sends the whole draft and either becomes the next version or comes back refused with the draft
// intact.
import { create } from 'zustand';
import type { ApiErrorShape } from '../../../../shared/contract';
import type { SlaRules } from '../../../../shared/sla';
import { api } from '../../transport';
import { draftDirty, draftFromRules, updateInput, type RulesDraft } from './rulesDraft';

interface RulesEditorState {
  /** Whose draft this is: another person signing in to this window starts from the stored rules. */
  owner: number | null;
  /** The version the draft started from (the one in force when it was loaded). */
  base: SlaRules | null;
  draft: RulesDraft | null;
  loading: boolean;
  loadError: ApiErrorShape | null;
  /** A newer version came into force while this draft had changes (saving would be refused). */
  newerVersion: number | null;
  /** The checks are shown on every field once a save was tried (before that, only on fields left). */
  showAllIssues: boolean;
  saving: boolean;
  saveError: ApiErrorShape | null;
  /** The version the last save created, for the confirmation. */
  savedVersion: number | null;
  /** The lead chose to move the open tickets onto the version this save creates. */
  moveOpenTickets: boolean;
  /** The last save moved the open tickets too (for its confirmation). */
  savedMoved: boolean;
  setMoveOpenTickets(move: boolean): void;
  /** Called when the editor opens: keeps a draft of the same person, drops a stale confirmation. */
  open(owner: number | null): void;
  load(options?: { replaceDraft?: boolean }): Promise<void>;
  update(change: (draft: RulesDraft) => RulesDraft): void;
  discard(): void;
  trySave(hasIssues: boolean): Promise<boolean>;
}

export const useRulesEditor = create<RulesEditorState>()((set, get) => ({
  owner: null,
  base: null,
  draft: null,
  loading: false,
  loadError: null,
  newerVersion: null,
  showAllIssues: false,
  saving: false,
  saveError: null,
  savedVersion: null,
  moveOpenTickets: false,
  savedMoved: false,

  setMoveOpenTickets(move) {
    set({ moveOpenTickets: move });
  },

  open(owner) {
    if (get().owner !== owner) {
      set({ owner, base: null, draft: null, newerVersion: null, showAllIssues: false, saveError: null });
    }
    set({ savedVersion: null });
  },

  async load(options) {
    // A save in flight brings the new version itself (its data.changed event may come first).
    if (get().saving) return;
    set({ loading: true });
    const result = await api['rules.sla']({});
    if (get().saving) {
      set({ loading: false });
      return;
    }
    if (!result.ok) {
      set({ loading: false, loadError: result.error });
      return;
    }
    const { base, draft } = get();
    const rules = result.value;
    const keep = !options?.replaceDraft && base !== null && draft !== null && draftDirty(draft, base);
    if (keep) {
      // Someone else's version is in force now: keep the lead's work on screen and say so.
      set({
        loading: false,
        loadError: null,
        newerVersion: rules.version !== base.version ? rules.version : null,
      });
      return;
    }
    set({
      loading: false,
      loadError: null,
      base: rules,
      draft: draftFromRules(rules),
      newerVersion: null,
      showAllIssues: false,
      saveError: options?.replaceDraft ? null : get().saveError,
    });
  },

  update(change) {
    const { draft } = get();
    if (!draft) return;
    // A refusal described the draft as it was; once it changes, the checks speak for it again.
    set({ draft: change(draft), saveError: null, savedVersion: null });
  },

  discard() {
    const { base } = get();
    if (!base) return;
    set({ draft: draftFromRules(base), showAllIssues: false, saveError: null, savedVersion: null });
  },

  async trySave(hasIssues) {
    const { base, draft, saving } = get();
    if (!base || !draft || saving) return false;
    if (hasIssues) {
      set({ showAllIssues: true, saveError: null, savedVersion: null });
      return false;
    }
    set({ saving: true, saveError: null, savedVersion: null });
    const result = await api['rules.updateSla']({
      ...updateInput(draft, base.version),
      moveOpenTickets: get().moveOpenTickets,
    });
    if (!result.ok) {
      set({ saving: false, saveError: result.error, showAllIssues: true });
      return false;
    }
    set({
      saving: false,
      base: result.value,
      draft: draftFromRules(result.value),
      savedVersion: result.value.version,
      savedMoved: get().moveOpenTickets,
      moveOpenTickets: false,
      showAllIssues: false,
      newerVersion: null,
    });
    return true;
  },
}));
