import { useState, type ReactNode } from 'react';
import type { ApiErrorShape } from '../../../shared/contract';
import { ErrorNote } from '../components/ErrorNote';
import { roleLabels } from '../format/labels';
import { zoneLabel } from '../format/time';
import { useSelection, type MainView } from '../state/selection';
import { useSession } from '../state/session';

const views: { id: MainView; label: string }[] = [
  { id: 'queue', label: 'Queue' },
  { id: 'customers', label: 'Customers' },
];

/** The frame around every signed-in view: where you are, who you are, and the way out. */
export function Shell({ children }: { children: ReactNode }) {
  const me = useSession((s) => s.me);
  const signOut = useSession((s) => s.signOut);
  const view = useSelection((s) => s.view);
  const setView = useSelection((s) => s.setView);
  const [error, setError] = useState<ApiErrorShape | null>(null);

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Support Console</span>
        <nav aria-label="Views">
          <ul className="view-tabs">
            {views.map((v) => (
              <li key={v.id}>
                <button
                  type="button"
                  aria-current={view === v.id ? 'page' : undefined}
                  onClick={() => setView(v.id)}
                >
                  {v.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {me && (
          <div className="who" role="group" aria-label="Signed in">
            <span className="who-name">{me.name}</span>
            <span className="who-meta">
              {roleLabels[me.role] ?? me.role} · {me.zone} ({zoneLabel(me.zone)})
            </span>
            <button
              type="button"
              onClick={() =>
                void signOut().then((failed) => {
                  setError(failed);
                })
              }
            >
              Sign out
            </button>
          </div>
        )}
      </header>
      {error && (
        <div className="topbar-error">
          <ErrorNote error={error} compact />
        </div>
      )}
      {children}
    </div>
  );
}
