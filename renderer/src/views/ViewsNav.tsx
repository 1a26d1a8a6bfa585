// The queue's views with their live counts: built-in first, then the person's own. Counts come from
// views.list (the store counts) and refresh on every data change.
import { useState, type KeyboardEvent } from 'react';
import type { QueueView } from '../../../shared/contract';
import { builtinViewIds } from '../format/vocabulary';
import { ErrorNote } from '../components/ErrorNote';
import { useLang, useT, type Translate } from '../i18n';
import { useNav } from '../state/nav';
import { useViews } from '../state/views';
import { formatCountAtLeast } from '../format/number';

function isBuiltin(id: string): id is (typeof builtinViewIds)[number] {
  return (builtinViewIds as readonly string[]).includes(id);
}

export function viewName(view: Pick<QueueView, 'id' | 'name'>, t: Translate): string {
  return isBuiltin(view.id) ? t(`view.${view.id}`) : view.name;
}

export function useViewName(id: string): string {
  const t = useT();
  const view = useViews((s) => s.views?.find((v) => v.id === id));
  if (isBuiltin(id)) return t(`view.${id}`);
  return view?.name ?? t('queue.title');
}

export function ViewsNav() {
  const t = useT();
  const lang = useLang();
  const views = useViews((s) => s.views);
  const error = useViews((s) => s.error);
  const load = useViews((s) => s.load);
  const activeId = useViews((s) => s.activeId);
  const drafts = useViews((s) => s.drafts);
  const setActive = useViews((s) => s.setActive);
  const remove = useViews((s) => s.remove);
  const select = useNav((s) => s.select);
  const [confirming, setConfirming] = useState<string | null>(null);

  const builtins = (views ?? []).filter((v) => v.kind === 'builtin');
  const custom = (views ?? []).filter((v) => v.kind === 'custom');

  function choose(id: string) {
    setActive(id);
    select(null);
  }

  // Up and down move between views, as in any list of links.
  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.view-button')];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    event.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, i + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  }

  const item = (view: QueueView) => {
    const name = viewName(view, t);
    const modified = drafts[view.id] !== undefined;
    return (
      <li key={view.id} className={view.id === activeId ? 'active' : undefined}>
        <button
          type="button"
          className="view-button"
          data-view-id={view.id}
          aria-current={view.id === activeId ? 'page' : undefined}
          onClick={() => choose(view.id)}
        >
          <span className="view-name">
            {name}
            {modified && (
              <span className="modified-dot" title={t('views.modified')}>
                <span className="visually-hidden"> ({t('views.modified')})</span>
              </span>
            )}
          </span>
          <span className="view-count">
            {formatCountAtLeast(view.count, view.countIsAtLeast, lang)}
            <span className="visually-hidden"> {t('views.tickets', { n: view.count })}</span>
          </span>
        </button>
        {view.kind === 'custom' &&
          (confirming === view.id ? (
            <span className="confirm" role="group" aria-label={t('views.confirmDelete', { name })}>
              <button
                type="button"
                className="small-button danger"
                onClick={() => void remove(view.id).then(() => setConfirming(null))}
              >
                {t('views.delete')}
              </button>
              <button type="button" className="small-button" onClick={() => setConfirming(null)}>
                {t('action.cancel')}
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="small-button ghost"
              aria-label={t('views.deleteNamed', { name })}
              onClick={() => setConfirming(view.id)}
            >
              <span aria-hidden="true">×</span>
            </button>
          ))}
      </li>
    );
  };

  return (
    <nav className="views-nav" aria-label={t('views.navLabel')} onKeyDown={onKeyDown}>
      {error && <ErrorNote error={error} onRetry={() => void load()} compact />}
      {!views && !error && <p className="muted small">{t('views.loading')}</p>}
      <h2 className="nav-heading">{t('views.builtin')}</h2>
      <ul className="views-list">{builtins.map(item)}</ul>
      <h2 className="nav-heading">{t('views.mine')}</h2>
      {custom.length === 0 ? (
        <p className="muted small nav-empty">{t('views.noneYet')}</p>
      ) : (
        <ul className="views-list">{custom.map(item)}</ul>
      )}
    </nav>
  );
}
