// Views show server data; when the core says something changed, each view refetches what it shows.
import { useEffect, useRef } from 'react';
import type { EventPayload } from '../../../shared/contract';
import { api } from '../transport';

export type DataChange = EventPayload<'data.changed'>;

/** Calls `onChange` for every data.changed event that `relevant` accepts. */
export function useDataChanged(relevant: (change: DataChange) => boolean, onChange: () => void): void {
  const latest = useRef({ relevant, onChange });
  useEffect(() => {
    latest.current = { relevant, onChange };
  });
  useEffect(
    () =>
      api.subscribe('data.changed', (change) => {
        if (latest.current.relevant(change)) latest.current.onChange();
      }),
    [],
  );
}
