import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { channelIds } from '../../shared/vocabulary';
import { ConnectionBanner } from './components/ConnectionBanner';
import { ErrorNote } from './components/ErrorNote';
import { LoadBoundary } from './components/LoadBoundary';
import { ModeNote } from './components/ModeNote';
import { useT } from './i18n';
import { useFocusSafetyNet, useGlobalShortcuts } from './keyboard/shortcuts';
import { useChannelClocks, stopClocks } from './state/clock';
import { useConnection } from './state/connection';
import { useDataChanged } from './state/live';
import { useNav } from './state/nav';
import { useQueueData } from './state/queueData';
import { useRules } from './state/rules';
import { useSession } from './state/session';
import { useStaff } from './state/staff';
import { startSlaAlerts } from './state/slaAlerts';
import { refreshSlaStatus, resetSlaStatus } from './state/slaStatus';
import { afterFirstRows, parseHash, startRoute, type Route } from './state/startup';
import { changesWithTime, selectActiveShape, useViews } from './state/views';
import { QueueView } from './views/QueueView';
import { SignIn } from './views/SignIn';
import { Shell } from './views/Shell';
import { ViewsNav } from './views/ViewsNav';

// What the queue's first rows do not need is loaded in its own chunk, after them (see below), so
// the start-up script is only what the queue is made of.
const loadTicketView = () => import('./views/TicketView');
const loadCustomerPanel = () => import('./views/CustomerPanel');
const TicketView = lazy(() => loadTicketView().then((m) => ({ default: m.TicketView })));
const CustomerPanel = lazy(() => loadCustomerPanel().then((m) => ({ default: m.CustomerPanel })));
const CustomersView = lazy(() => import('./views/CustomersView').then((m) => ({ default: m.CustomersView })));
const HelpDialog = lazy(() => import('./views/HelpDialog').then((m) => ({ default: m.HelpDialog })));
const NewTicketDialog = lazy(() =>
  import('./views/NewTicketDialog').then((m) => ({ default: m.NewTicketDialog })),
);
const SearchDialog = lazy(() => import('./views/SearchDialog').then((m) => ({ default: m.SearchDialog })));
const ViewSwitcher = lazy(() => import('./views/ViewSwitcher').then((m) => ({ default: m.ViewSwitcher })));
const FirstRunChoice = lazy(() =>
  import('./views/FirstRunChoice').then((m) => ({ default: m.FirstRunChoice })),
);
const CallsView = lazy(() => import('./views/calls/CallsView').then((m) => ({ default: m.CallsView })));
const LeadOverview = lazy(() =>
  import('./views/accounts/LeadOverview').then((m) => ({ default: m.LeadOverview })),
);
const SlaSection = lazy(() => import('./views/sla/SlaSection').then((m) => ({ default: m.SlaSection })));
const StaffSection = lazy(() =>
  import('./views/staff/StaffSection').then((m) => ({ default: m.StaffSection })),
);
const ChannelsSection = lazy(() =>
  import('./views/channels/ChannelsSection').then((m) => ({ default: m.ChannelsSection })),
);
const ChangePasswordDialog = lazy(() =>
  import('./views/staff/ChangePasswordDialog').then((m) => ({ default: m.ChangePasswordDialog })),
);
const AcceptInvitation = lazy(() =>
  import('./views/staff/AcceptInvitation').then((m) => ({ default: m.AcceptInvitation })),
);
const MyClientsView = lazy(() =>
  import('./views/accounts/MyClientsView').then((m) => ({ default: m.MyClientsView })),
);

/** A link inside the console (or a typed address) moves to the view and ticket it names. */
function followRoute(route: Route): void {
  const nav = useNav.getState();
  if (route.section !== 'queue') {
    nav.setSection(route.section);
    return;
  }
  if (route.viewId && route.viewId !== useViews.getState().activeId)
    useViews.getState().setActive(route.viewId);
  if (nav.section !== 'queue') nav.setSection('queue');
  if (route.ticketId !== null && route.ticketId !== nav.openTicketId) nav.openTicket(route.ticketId);
  if (route.ticketId === null && nav.openTicketId !== null) nav.closeTicket();
}

followRoute(startRoute);
window.addEventListener('hashchange', () => followRoute(parseHash(window.location.hash)));

const LIVE_TOPICS = new Set(['tickets', 'messages', 'assignments', 'customers', 'calls', 'sla']);
/** Topics that move a ticket's response clock. */
const CLOCK_TOPICS = new Set(['tickets', 'messages', 'sla', 'rules']);
/** How often views that change with time alone ("Due soon", "Waiting for hours") are counted again. */
const TIME_DRIVEN_REFRESH_MS = 60_000;

/** #/invite/<token>: the page an invitation link opens, shown whoever is signed in here. */
function inviteTokenOf(hash: string): string | null {
  const match = /^#\/invite\/([A-Za-z0-9_-]{43})$/.exec(hash);
  return match?.[1] ?? null;
}

export function App() {
  const t = useT();
  const [inviteToken, setInviteToken] = useState(() => inviteTokenOf(window.location.hash));
  useEffect(() => {
    const onHash = () => setInviteToken(inviteTokenOf(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const leaveInvitation = () => {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    setInviteToken(null);
    void useSession.getState().restore();
  };
  const status = useSession((s) => s.status);
  const loadRules = useRules((s) => s.load);
  const rulesError = useRules((s) => s.error);
  const section = useNav((s) => s.section);
  const openTicketId = useNav((s) => s.openTicketId);
  const ticketCustomerId = useNav((s) => s.ticketCustomerId);
  const customerId = useNav((s) => s.customerId);
  const dialog = useNav((s) => s.dialog);
  const activeViewId = useViews((s) => s.activeId);
  const signedIn = status === 'signedIn';
  // The desktop app first knows where it works (this computer or a team server); a browser has
  // no such question.
  const desktop = useConnection((s) => s.desktop);
  const connection = useConnection((s) => s.state);

  useEffect(() => {
    // The sign-in screen needs no rules; the console needs them for names and hours, not for its
    // first rows.
    void afterFirstRows.then(loadRules);
  }, [loadRules]);

  // Coming from the sign-in screen (not from the start-up check), nothing fetched before belongs
  // to this person; leaving, nothing of theirs stays for the next one.
  const previous = useRef(status);
  useEffect(() => {
    const was = previous.current;
    previous.current = status;
    if (status === 'signedIn' && was === 'signedOut') useQueueData.getState().reset();
    if (status === 'signedOut' && was === 'signedIn') {
      useNav.getState().reset();
      useViews.getState().reset();
      useQueueData.getState().reset();
      stopClocks();
      resetSlaStatus();
    }
  }, [status]);

  useEffect(() => {
    if (!signedIn) return;
    let cancelled = false;
    void afterFirstRows.then(() => {
      if (cancelled) return;
      void useViews.getState().load();
      void useStaff.getState().load();
      void useChannelClocks.getState().prime();
      // The ticket and customer views are what an agent opens next: fetched while nothing else is.
      void loadTicketView();
      void loadCustomerPanel();
    });
    return () => {
      cancelled = true;
    };
  }, [signedIn]);

  // The person's own SLA warnings and breaches, in the console and as desktop notifications.
  const me = useSession((s) => s.me);
  const meId = me?.id ?? null;
  const meZone = me?.zone ?? null;
  useEffect(() => {
    if (!signedIn || meId === null || meZone === null) return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    void afterFirstRows.then(() => {
      if (!cancelled) stop = startSlaAlerts(meId, meZone);
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [signedIn, meId, meZone]);

  // Live: a change anywhere (another view, another window, a write from here) refetches what is
  // shown. Bursts of events are coalesced into one refetch.
  const pending = useRef<number | undefined>(undefined);
  useDataChanged(
    (change) => signedIn && change.topics.some((x) => LIVE_TOPICS.has(x) || x === 'staff'),
    () => {
      window.clearTimeout(pending.current);
      pending.current = window.setTimeout(() => {
        useQueueData.getState().invalidate();
        void useViews.getState().load();
      }, 120);
    },
  );
  useDataChanged(
    (change) => signedIn && change.topics.includes('staff'),
    () => {
      void useStaff.getState().load();
      // A lead may have changed this person's role or ended their sessions.
      void useSession.getState().recheck();
    },
  );
  useDataChanged(
    (change) => signedIn && change.topics.includes('rules'),
    () => void useRules.getState().reload(),
  );
  useDataChanged(
    (change) => signedIn && change.topics.some((x) => CLOCK_TOPICS.has(x) || x === 'settings'),
    () => refreshSlaStatus({ settings: true }),
  );
  // A channel opening starts every countdown of its tickets: the core is asked for fresh minutes.
  useEffect(() => {
    if (!signedIn) return;
    return useChannelClocks.subscribe((now, before) => {
      const flipped = channelIds.some((c) => now.clocks[c]?.openNow !== before.clocks[c]?.openNow);
      if (flipped) refreshSlaStatus();
    });
  }, [signedIn]);

  // Counts of "Due soon" and "Waiting for hours" change with the clock, without any write that
  // would announce it: they are counted again every minute, and such a view's rows fetched again.
  useEffect(() => {
    if (!signedIn) return;
    const timer = window.setInterval(() => {
      void useViews.getState().load();
      const shape = selectActiveShape(useViews.getState());
      if (useNav.getState().section === 'queue' && shape && changesWithTime(shape.filter))
        useQueueData.getState().invalidate();
    }, TIME_DRIVEN_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [signedIn]);

  useEffect(() => {
    if (!signedIn) return;
    const hash =
      section !== 'queue'
        ? `#/${section}`
        : `#/queue/${encodeURIComponent(activeViewId)}${openTicketId !== null ? `/ticket/${openTicketId}` : ''}`;
    if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
  }, [signedIn, section, activeViewId, openTicketId]);

  useGlobalShortcuts(signedIn);
  useFocusSafetyNet(signedIn);

  if (connection?.mode === 'unchosen') {
    return (
      <Suspense fallback={null}>
        <FirstRunChoice problem={connection.problem} />
      </Suspense>
    );
  }
  if (inviteToken !== null) {
    return (
      <Suspense fallback={<Loading />}>
        <AcceptInvitation token={inviteToken} onDone={leaveInvitation} />
      </Suspense>
    );
  }
  if (status === 'checking' || (desktop && connection === null)) {
    return (
      <p className="boot" role="status">
        {t('app.starting')}
      </p>
    );
  }
  if (status === 'signedOut') {
    return (
      <>
        <SignIn />
        <ModeNote />
        <ConnectionBanner />
      </>
    );
  }

  const ticketOpen = section === 'queue' && openTicketId !== null;
  const panelCustomer = ticketOpen ? ticketCustomerId : customerId;
  const classes = ['workspace', `section-${section}`];
  if (ticketOpen) classes.push('with-ticket');
  if (panelCustomer !== null) classes.push('with-panel');

  return (
    <Shell>
      {rulesError && <ErrorNote error={rulesError} onRetry={() => void loadRules()} compact />}
      <div className={classes.join(' ')}>
        {section === 'queue' && !ticketOpen && <ViewsNav />}
        <main className="main-view" id="main" tabIndex={-1} aria-label={t(`section.${section}`)}>
          <LoadBoundary>
            <Suspense fallback={<Loading />}>
              {section === 'queue' ? (
                <QueueView compact={ticketOpen} />
              ) : section === 'clients' ? (
                <MyClientsView />
              ) : section === 'calls' ? (
                <CallsView />
              ) : section === 'overview' ? (
                <LeadOverview />
              ) : section === 'sla' ? (
                <SlaSection />
              ) : section === 'staff' ? (
                <StaffSection />
              ) : section === 'channels' ? (
                <ChannelsSection />
              ) : (
                <CustomersView />
              )}
              {ticketOpen && openTicketId !== null && <TicketView ticketId={openTicketId} />}
            </Suspense>
          </LoadBoundary>
        </main>
        {panelCustomer !== null && (
          <LoadBoundary>
            <Suspense fallback={<Loading />}>
              <CustomerPanel customerId={panelCustomer} embedded={ticketOpen} />
            </Suspense>
          </LoadBoundary>
        )}
      </div>
      <LoadBoundary compact>
        <Suspense fallback={null}>
          {dialog === 'search' && <SearchDialog />}
          {dialog === 'help' && <HelpDialog />}
          {dialog === 'newTicket' && <NewTicketDialog />}
          {dialog === 'views' && <ViewSwitcher />}
          {dialog === 'password' && <ChangePasswordDialog />}
        </Suspense>
      </LoadBoundary>
      <ConnectionBanner />
    </Shell>
  );
}

function Loading() {
  const t = useT();
  return (
    <p className="muted loading-chunk" role="status">
      {t('app.loading')}
    </p>
  );
}
