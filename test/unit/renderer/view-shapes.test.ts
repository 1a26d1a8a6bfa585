// What a queue view shows before and after views.list (renderer/src/state/viewShapes.ts): a built-in
// view's first page can be asked for on a first start, before the server has listed the views.
import { describe, expect, it } from 'vitest';
import type { QueueView } from '../../../shared/contract';
import { builtinViews } from '../../../shared/builtin-views';
import { shapeOf, type KnownViews } from '../../../renderer/src/state/viewShapes';

const nothingYet: KnownViews = { drafts: {}, views: null, boot: null };
const needsFirst = builtinViews.find((v) => v.id === 'needs_first_response')!;

describe('shapeOf', () => {
  it('knows every built-in view before views.list answers, as the core defines it', () => {
    for (const view of builtinViews) {
      expect(shapeOf(nothingYet, view.id)).toEqual({ filter: view.filter, sort: view.sort, columns: null });
    }
    // The same object on every call: zustand selectors compare by identity.
    expect(shapeOf(nothingYet, 'mine')).toBe(shapeOf(nothingYet, 'mine'));
  });

  it('does not know a saved view until it is listed or was shown last', () => {
    expect(shapeOf(nothingYet, 'custom:7')).toBeNull();
    const boot = {
      id: 'custom:7',
      filter: { statuses: ['new' as const] },
      sort: needsFirst.sort,
      columns: null,
    };
    expect(shapeOf({ ...nothingYet, boot }, 'custom:7')).toBe(boot);
  });

  it('prefers the working copy, then the listed view, then the last session, then the built-in one', () => {
    const listed: QueueView = {
      id: 'needs_first_response',
      kind: 'builtin',
      name: 'Needs first response',
      filter: { ...needsFirst.filter, channels: ['chat'] },
      sort: needsFirst.sort,
      columns: null,
      count: 3,
    };
    const boot = {
      id: 'needs_first_response',
      filter: { statuses: ['open' as const] },
      sort: needsFirst.sort,
      columns: null,
    };
    const draft = { filter: { statuses: ['new' as const] }, sort: needsFirst.sort, columns: null };
    const id = 'needs_first_response';
    expect(shapeOf({ drafts: { [id]: draft }, views: [listed], boot }, id)).toBe(draft);
    expect(shapeOf({ drafts: {}, views: [listed], boot }, id)?.filter).toBe(listed.filter);
    expect(shapeOf({ drafts: {}, views: null, boot }, id)).toBe(boot);
    expect(shapeOf({ drafts: {}, views: null, boot: { ...boot, id: 'mine' } }, id)?.filter).toBe(
      needsFirst.filter,
    );
  });
});
