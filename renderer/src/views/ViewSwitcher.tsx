// g then v: switch view without the mouse. Type to narrow, arrows to move, Enter to switch.
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { Dialog } from '../components/Dialog';
import { useLang, useT } from '../i18n';
import { focusQueue, restoreFocus, useNav } from '../state/nav';
import { useViews } from '../state/views';
import { viewName } from './ViewsNav';
import { formatCountAtLeast } from '../format/number';

export function ViewSwitcher() {
  const t = useT();
  const lang = useLang();
  const views = useViews((s) => s.views) ?? [];
  const activeId = useViews((s) => s.activeId);
  const setActive = useViews((s) => s.setActive);
  const close = useNav((s) => s.closeDialog);
  const closeTicket = useNav((s) => s.closeTicket);
  const select = useNav((s) => s.select);
  const returnFocusTo = useNav((s) => s.returnFocusTo);
  const [text, setText] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const matches = views.filter((v) => viewName(v, t).toLowerCase().includes(text.trim().toLowerCase()));
  const [active, setActiveIndex] = useState(() =>
    Math.max(
      0,
      views.findIndex((v) => v.id === activeId),
    ),
  );
  const index = Math.min(active, Math.max(0, matches.length - 1));

  function choose(id: string) {
    setActive(id);
    select(null);
    closeTicket();
    close();
    window.requestAnimationFrame(focusQueue);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && matches.length > 0) {
      event.preventDefault();
      setActiveIndex((index + 1) % matches.length);
    } else if (event.key === 'ArrowUp' && matches.length > 0) {
      event.preventDefault();
      setActiveIndex((index - 1 + matches.length) % matches.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const view = matches[index];
      if (view) choose(view.id);
    }
  }

  return (
    <Dialog
      title={t('switcher.title')}
      onClose={() => {
        close();
        restoreFocus(returnFocusTo, () => document.getElementById('queue-grid'));
      }}
      className="switcher-dialog"
    >
      <input
        ref={input}
        data-autofocus
        type="text"
        role="combobox"
        aria-label={t('switcher.label')}
        aria-expanded
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={matches[index] ? `${listId}-${index}` : undefined}
        className="search-input"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActiveIndex(0);
        }}
        onKeyDown={onKeyDown}
        autoComplete="off"
      />
      <ul id={listId} role="listbox" aria-label={t('views.navLabel')} className="search-results">
        {matches.map((view, i) => (
          <li
            key={view.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === index}
            className={i === index ? 'search-hit active' : 'search-hit'}
            onMouseEnter={() => setActiveIndex(i)}
            onClick={() => choose(view.id)}
          >
            <span className="hit-line">
              <strong>{viewName(view, t)}</strong>
              {view.id === activeId && <span className="muted">{t('switcher.current')}</span>}
              <span className="view-count">{formatCountAtLeast(view.count, view.countIsAtLeast, lang)}</span>
            </span>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
