// What a queue view shows (its filter, sort and columns), worked out from what is known so far: the
// person's working copy, the view as views.list gave it, the view the last session showed, or a
// built-in view as defined in shared/ (so a first start can ask for its rows before views.list).
import type { QueueColumns, QueueFilter, QueueSort, QueueView } from '../../../shared/contract';
import { builtinViews } from '../../../shared/builtin-views';

export interface ViewShape {
  filter: QueueFilter;
  sort: QueueSort;
  columns: QueueColumns | null;
}

/** What the last session showed, so the first queue page can be fetched before views.list answers. */
export interface BootView extends ViewShape {
  id: string;
}

/** What shapeOf reads of the views' state. */
export interface KnownViews {
  drafts: Record<string, ViewShape>;
  views: QueueView[] | null;
  boot: BootView | null;
}

// One object per built-in view, so selectors return the same shape on every render. Built-in views
// have no columns of their own (views.list gives them as null).
const builtinShapes = new Map<string, ViewShape>(
  builtinViews.map((v) => [v.id, { filter: v.filter, sort: v.sort, columns: null }]),
);

/**
 * A view's filter, sort and columns as they would show: its working copy, else the view as listed,
 * else as the last session showed it, else as built in; null for a view not known yet.
 */
export function shapeOf(s: KnownViews, id: string): ViewShape | null {
  const draft = s.drafts[id];
  if (draft) return draft;
  const view = s.views?.find((v) => v.id === id);
  if (view) return viewShapeOf(view);
  if (s.boot && s.boot.id === id) return s.boot;
  return builtinShapes.get(id) ?? null;
}

// Views are replaced as a whole on every load, so caching the shape per view object keeps the
// selector's result stable between renders (zustand compares by identity).
const shapes = new WeakMap<QueueView, ViewShape>();
export function viewShapeOf(view: QueueView): ViewShape {
  let shape = shapes.get(view);
  if (!shape) {
    shape = { filter: view.filter, sort: view.sort, columns: view.columns };
    shapes.set(view, shape);
  }
  return shape;
}
