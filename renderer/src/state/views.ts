// Queue views: the built-in ones and the person's own, each with its filter, sort, columns and the
// live count the store computed (views.list). Changing filters, sort or columns on a view makes a
// working copy ("modified") that the person can save as a view of their own or reset; working
// copies are kept per view and across reloads, so nothing is lost by switching views.
import { create } from 'zustand';
import type {
  ApiErrorShape,
  QueueColumns,
  QueueFilter,
  QueueSort,
  QueueView,
} from '../../../shared/contract';
import { api } from '../transport';
import { shapeOf, type BootView, type ViewShape } from './viewShapes';

const ACTIVE_KEY = 'support-console.view';
const DRAFTS_KEY = 'support-console.view-drafts';
export const DEFAULT_VIEW_ID = 'needs_first_response';

function readJson<T>(key: string): T | null {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Best effort: the working state still lives in memory for this window.
  }
}

export function readBootView(): BootView | null {
  const boot = readJson<BootView>(ACTIVE_KEY);
  return boot && typeof boot.id === 'string' && boot.filter && boot.sort ? boot : null;
}

interface ViewsState {
  /** The view the last session showed, read once at start. */
  boot: BootView | null;
  views: QueueView[] | null;
  error: ApiErrorShape | null;
  loading: boolean;
  activeId: string;
  drafts: Record<string, ViewShape>;
  /** A save or delete that failed, shown beside the form that made it. */
  saveError: ApiErrorShape | null;
  load(): Promise<void>;
  setActive(id: string): void;
  editFilter(update: (filter: QueueFilter) => QueueFilter): void;
  setSort(sort: QueueSort): void;
  setColumns(columns: QueueColumns): void;
  resetDraft(): void;
  save(name: string, overwrite: boolean): Promise<QueueView | null>;
  remove(id: string): Promise<boolean>;
  reset(): void;
}

let loadSeq = 0;

export const useViews = create<ViewsState>()((set, get) => {
  function persist(): void {
    const state = get();
    writeJson(DRAFTS_KEY, state.drafts);
    const shape = selectActiveShape(state);
    if (shape) writeJson(ACTIVE_KEY, { id: state.activeId, ...shape } satisfies BootView);
  }

  function editDraft(update: (shape: ViewShape) => ViewShape): void {
    const current = selectActiveShape(get());
    if (!current) return;
    const next = update(current);
    set((s) => ({ drafts: { ...s.drafts, [s.activeId]: next } }));
    persist();
  }

  const boot = readBootView();
  return {
    boot,
    views: null,
    error: null,
    loading: false,
    activeId: boot?.id ?? DEFAULT_VIEW_ID,
    drafts: readJson<Record<string, ViewShape>>(DRAFTS_KEY) ?? {},
    saveError: null,
    async load() {
      const mine = ++loadSeq;
      set({ loading: true });
      const result = await api['views.list']({});
      if (mine !== loadSeq) return;
      if (!result.ok) {
        set({ loading: false, error: result.error });
        return;
      }
      const views = result.value;
      const state = get();
      // A custom view deleted elsewhere (or a stale id from storage) falls back to the default.
      const activeId = views.some((v) => v.id === state.activeId)
        ? state.activeId
        : (views[0]?.id ?? DEFAULT_VIEW_ID);
      const drafts = Object.fromEntries(
        Object.entries(state.drafts).filter(([id]) => views.some((v) => v.id === id)),
      );
      set({ views, loading: false, error: null, activeId, drafts });
      persist();
    },
    setActive(id) {
      set({ activeId: id, saveError: null });
      persist();
    },
    editFilter(update) {
      editDraft((shape) => ({ ...shape, filter: update(shape.filter) }));
    },
    setSort(sort) {
      editDraft((shape) => ({ ...shape, sort }));
    },
    setColumns(columns) {
      editDraft((shape) => ({ ...shape, columns }));
    },
    resetDraft() {
      set((s) => {
        const drafts = { ...s.drafts };
        delete drafts[s.activeId];
        return { drafts };
      });
      persist();
    },
    async save(name, overwrite) {
      const state = get();
      const shape = selectActiveShape(state);
      if (!shape) return null;
      const active = state.views?.find((v) => v.id === state.activeId);
      const result = await api['views.save']({
        ...(overwrite && active?.kind === 'custom' ? { id: active.id } : {}),
        name,
        filter: shape.filter,
        sort: shape.sort,
        columns: shape.columns ?? { order: [], hidden: [], widths: {} },
      });
      if (!result.ok) {
        set({ saveError: result.error });
        return null;
      }
      const saved = result.value;
      set((s) => {
        const drafts = { ...s.drafts };
        delete drafts[s.activeId];
        delete drafts[saved.id];
        const views = s.views ?? [];
        const exists = views.some((v) => v.id === saved.id);
        return {
          drafts,
          saveError: null,
          activeId: saved.id,
          views: exists ? views.map((v) => (v.id === saved.id ? saved : v)) : [...views, saved],
        };
      });
      persist();
      return saved;
    },
    async remove(id) {
      const result = await api['views.delete']({ id });
      if (!result.ok) {
        set({ saveError: result.error });
        return false;
      }
      set((s) => {
        const drafts = { ...s.drafts };
        delete drafts[id];
        return {
          drafts,
          saveError: null,
          views: (s.views ?? []).filter((v) => v.id !== id),
          activeId: s.activeId === id ? DEFAULT_VIEW_ID : s.activeId,
        };
      });
      persist();
      return true;
    },
    reset() {
      set({ views: null, error: null, saveError: null });
    },
  };
});

/** The active view's filter, sort and columns as shown now (its working copy when modified). */
export function useActiveShape(): ViewShape | null {
  return useViews(selectActiveShape);
}

export function selectActiveShape(s: ViewsState): ViewShape | null {
  return shapeOf(s, s.activeId);
}

/**
 * Filters whose result moves with the clock alone, with no write to announce it: "due within N
 * business minutes" and "waiting for the channel to open".
 */
export function changesWithTime(filter: QueueFilter): boolean {
  return filter.dueWithinMinutes !== undefined || filter.waitingForHours !== undefined;
}

/** The request key of a queue listing: the same filter and sort share rows. */
export function queueKey(shape: Pick<ViewShape, 'filter' | 'sort'>): string {
  return JSON.stringify({ filter: shape.filter, sort: shape.sort });
}
