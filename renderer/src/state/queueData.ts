// Queue rows, kept per listing (filter + sort) so switching views back and forth is instant and a
// live update refetches only what is shown. Paging and counting are the store's job (queue.list
// returns a cursor and the total); this only appends pages as the person scrolls.
import { create } from 'zustand';
import type { ApiErrorShape, QueueFilter, QueueSort, TicketSummary } from '../../../shared/contract';
import { api } from '../transport';

export interface QueueRequest {
  filter: QueueFilter;
  sort: QueueSort;
}

export interface QueueList {
  rows: TicketSummary[];
  nextCursor: string | null;
  total: number | null;
  /** The store stopped counting at its cap: `total` is a lower bound ("1,000+"). */
  totalIsAtLeast: boolean;
  loading: boolean;
  error: ApiErrorShape | null;
  loadingMore: boolean;
  moreError: ApiErrorShape | null;
  /** Something changed since these rows were fetched; refetch when shown again. */
  stale: boolean;
}

/** Small first page: enough to fill a screen, so the first rows paint as early as possible. */
export const FIRST_PAGE = 50;
export const NEXT_PAGE = 200;
/** A live refresh refetches at most this many rows; deeper rows are fetched again on scroll. */
const REFRESH_CAP = 1_000;
/** Listings kept in memory; the least recently shown ones are dropped. */
const KEEP_LISTS = 12;

const empty: QueueList = {
  rows: [],
  nextCursor: null,
  total: null,
  totalIsAtLeast: false,
  loading: false,
  error: null,
  loadingMore: false,
  moreError: null,
  stale: true,
};

interface QueueDataState {
  lists: Record<string, QueueList>;
  ensure(key: string, request: QueueRequest): void;
  loadMore(key: string, request: QueueRequest): void;
  refresh(key: string, request: QueueRequest): void;
  /** Marks every listing stale: the shown one is refreshed by its view, the others when shown. */
  invalidate(): void;
  /** Replaces one ticket everywhere it is listed (after a write from this window). */
  patchTicket(ticket: TicketSummary): void;
  reset(): void;
}

const seq = new Map<string, number>();
/** Bumped by every invalidation: a fetch that started before one is stale when it lands. */
let epoch = 0;
const recent: string[] = [];

function next(key: string): number {
  const n = (seq.get(key) ?? 0) + 1;
  seq.set(key, n);
  return n;
}

function touch(key: string): string[] {
  const i = recent.indexOf(key);
  if (i >= 0) recent.splice(i, 1);
  recent.push(key);
  return recent.length > KEEP_LISTS ? recent.splice(0, recent.length - KEEP_LISTS) : [];
}

export const useQueueData = create<QueueDataState>()((set, get) => {
  function update(key: string, patch: Partial<QueueList>): void {
    set((s) => ({ lists: { ...s.lists, [key]: { ...(s.lists[key] ?? empty), ...patch } } }));
  }

  async function fetchFromStart(key: string, request: QueueRequest, keep: number): Promise<void> {
    const mine = next(key);
    const startedAt = epoch;
    update(key, { loading: true, loadingMore: false });
    const want = Math.min(REFRESH_CAP, Math.max(FIRST_PAGE, keep));
    const rows: TicketSummary[] = [];
    const page = { cursor: null as string | null, total: 0, totalIsAtLeast: false };
    do {
      const limit = Math.min(NEXT_PAGE, Math.max(FIRST_PAGE, want - rows.length));
      const result = await api['queue.list']({ ...request, cursor: page.cursor, limit });
      if (mine !== seq.get(key)) return;
      if (!result.ok) {
        // What was shown stays, with the error beside it; a retry or the next change refetches.
        update(key, { loading: false, error: result.error, stale: false });
        return;
      }
      rows.push(...result.value.rows);
      page.cursor = result.value.nextCursor;
      page.total = result.value.total;
      page.totalIsAtLeast = result.value.totalIsAtLeast;
    } while (page.cursor !== null && rows.length < want);
    update(key, {
      rows,
      nextCursor: page.cursor,
      total: page.total,
      totalIsAtLeast: page.totalIsAtLeast,
      loading: false,
      error: null,
      moreError: null,
      stale: epoch !== startedAt,
    });
  }

  return {
    lists: {},
    ensure(key, request) {
      const dropped = touch(key);
      if (dropped.length > 0) {
        set((s) => {
          const lists = { ...s.lists };
          for (const k of dropped) delete lists[k];
          return { lists };
        });
      }
      const list = get().lists[key];
      if (list && (list.loading || !list.stale)) return;
      void fetchFromStart(key, request, list?.rows.length ?? 0);
    },
    loadMore(key, request) {
      const list = get().lists[key];
      if (!list || !list.nextCursor || list.loadingMore || list.loading) return;
      const mine = next(key);
      update(key, { loadingMore: true, moreError: null });
      void api['queue.list']({ ...request, cursor: list.nextCursor, limit: NEXT_PAGE }).then((result) => {
        if (mine !== seq.get(key)) return;
        if (!result.ok) {
          update(key, { loadingMore: false, moreError: result.error });
          return;
        }
        set((s) => {
          const current = s.lists[key] ?? empty;
          return {
            lists: {
              ...s.lists,
              [key]: {
                ...current,
                rows: [...current.rows, ...result.value.rows],
                nextCursor: result.value.nextCursor,
                total: result.value.total,
                totalIsAtLeast: result.value.totalIsAtLeast,
                loadingMore: false,
              },
            },
          };
        });
      });
    },
    refresh(key, request) {
      void fetchFromStart(key, request, get().lists[key]?.rows.length ?? 0);
    },
    invalidate() {
      epoch++;
      set((s) => ({
        lists: Object.fromEntries(Object.entries(s.lists).map(([k, l]) => [k, { ...l, stale: true }])),
      }));
    },
    patchTicket(ticket) {
      set((s) => ({
        lists: Object.fromEntries(
          Object.entries(s.lists).map(([k, l]) => [
            k,
            l.rows.some((r) => r.id === ticket.id)
              ? { ...l, rows: l.rows.map((r) => (r.id === ticket.id ? ticket : r)) }
              : l,
          ]),
        ),
      }));
    },
    reset() {
      seq.clear();
      recent.length = 0;
      set({ lists: {} });
    },
  };
});

export const emptyList = empty;
