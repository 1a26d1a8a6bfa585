import { useEffect } from 'react';
import { ErrorNote } from './components/ErrorNote';
import { useRules } from './state/rules';
import { useSelection } from './state/selection';
import { useSession } from './state/session';
import { CustomerPanel } from './views/CustomerPanel';
import { CustomersView } from './views/CustomersView';
import { QueueView } from './views/QueueView';
import { SignIn } from './views/SignIn';
import { Shell } from './views/Shell';

export function App() {
  const status = useSession((s) => s.status);
  const restore = useSession((s) => s.restore);
  const loadRules = useRules((s) => s.load);
  const rulesError = useRules((s) => s.error);
  const view = useSelection((s) => s.view);
  const customerId = useSelection((s) => s.customerId);
  const resetSelection = useSelection((s) => s.reset);

  useEffect(() => {
    void restore();
    void loadRules();
  }, [restore, loadRules]);

  useEffect(() => {
    if (status === 'signedOut') resetSelection();
  }, [status, resetSelection]);

  if (status === 'checking') {
    return (
      <p className="boot" role="status">
        Starting…
      </p>
    );
  }
  if (status === 'signedOut') return <SignIn />;
  return (
    <Shell>
      {rulesError && <ErrorNote error={rulesError} onRetry={() => void loadRules()} compact />}
      <div className={customerId === null ? 'workspace' : 'workspace with-panel'}>
        <main className="main-view" id="main" aria-label={view === 'queue' ? 'Queue' : 'Customers'}>
          {view === 'queue' ? <QueueView /> : <CustomersView />}
        </main>
        {customerId !== null && <CustomerPanel customerId={customerId} />}
      </div>
    </Shell>
  );
}
