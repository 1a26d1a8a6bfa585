// Small data hooks over ClientApi. Each keeps what it last showed while it refetches (no flicker on
// live updates) and drops answers that arrive after a newer request was made.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorShape, CallResult } from '../../../shared/contract';

export interface Resource<T> {
  data: T | null;
  error: ApiErrorShape | null;
  loading: boolean;
  reload(): void;
}

/** Loads once per `key` (null: nothing to load) and again on `reload()`. */
export function useResource<T>(key: string | null, load: () => Promise<CallResult<T>>): Resource<T> {
  const [state, setState] = useState<{ key: string | null; data: T | null; error: ApiErrorShape | null }>({
    key: null,
    data: null,
    error: null,
  });
  const [loading, setLoading] = useState(false);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const seq = useRef(0);

  useEffect(() => {
    if (key === null) return;
    const mine = ++seq.current;
    setLoading(true);
    void loadRef.current().then((result) => {
      if (mine !== seq.current) return;
      setLoading(false);
      setState((previous) =>
        result.ok
          ? { key, data: result.value, error: null }
          : // A failed refetch of the same thing keeps what was shown, with the error beside it.
            { key, data: previous.key === key ? previous.data : null, error: result.error },
      );
    });
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const current = state.key === key;
  return { data: current ? state.data : null, error: current ? state.error : null, loading, reload };
}

export interface Page<Row> {
  rows: Row[];
  nextCursor: string | null;
  total: number;
}

export interface PagedList<Row> {
  rows: Row[];
  total: number | null;
  hasMore: boolean;
  loading: boolean;
  error: ApiErrorShape | null;
  loadingMore: boolean;
  moreError: ApiErrorShape | null;
  loadMore(): void;
  refresh(): void;
}

const MAX_LIMIT = 200;

/**
 * A cursor-paged list. A refresh refetches from the start as many rows as are shown (so a live
 * update does not collapse what the person scrolled through), and the cursor it returns continues
 * from there.
 */
export function usePagedList<Row>(
  key: string | null,
  fetchPage: (cursor: string | null, limit: number) => Promise<CallResult<Page<Row>>>,
  pageSize = 50,
): PagedList<Row> {
  const [page, setPage] = useState<{
    key: string | null;
    rows: Row[];
    nextCursor: string | null;
    total: number | null;
  }>({ key: null, rows: [], nextCursor: null, total: null });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiErrorShape | null>(null);
  const [generation, setGeneration] = useState(0);
  const fetchRef = useRef(fetchPage);
  useEffect(() => {
    fetchRef.current = fetchPage;
  });
  const seq = useRef(0);
  const shown = useRef({ key: null as string | null, count: 0 });
  useEffect(() => {
    shown.current = { key: page.key, count: page.rows.length };
  }, [page]);

  useEffect(() => {
    if (key === null) return;
    const mine = ++seq.current;
    const keep = shown.current.key === key ? shown.current.count : 0;
    const limit = Math.min(MAX_LIMIT, Math.max(pageSize, keep));
    setLoading(true);
    setLoadingMore(false);
    void fetchRef.current(null, limit).then((result) => {
      if (mine !== seq.current) return;
      setLoading(false);
      if (result.ok) {
        setPage({
          key,
          rows: result.value.rows,
          nextCursor: result.value.nextCursor,
          total: result.value.total,
        });
        setError(null);
        setMoreError(null);
      } else {
        setError(result.error);
        setPage((previous) =>
          previous.key === key ? previous : { key, rows: [], nextCursor: null, total: null },
        );
      }
    });
  }, [key, generation, pageSize]);

  const loadMore = useCallback(() => {
    if (!page.nextCursor || page.key !== key) return;
    const mine = ++seq.current;
    setLoadingMore(true);
    setMoreError(null);
    void fetchRef.current(page.nextCursor, pageSize).then((result) => {
      if (mine !== seq.current) return;
      setLoadingMore(false);
      if (result.ok) {
        setPage((previous) => ({
          key: previous.key,
          rows: [...previous.rows, ...result.value.rows],
          nextCursor: result.value.nextCursor,
          total: result.value.total,
        }));
      } else {
        setMoreError(result.error);
      }
    });
  }, [page, key, pageSize]);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  const current = page.key === key;
  return {
    rows: current ? page.rows : [],
    total: current ? page.total : null,
    hasMore: current && page.nextCursor !== null,
    loading,
    error,
    loadingMore,
    moreError,
    loadMore,
    refresh,
  };
}
