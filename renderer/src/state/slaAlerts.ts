// Pre-breach warnings and breaches for the signed-in person's own tickets. The core announces them
// to everyone (sla.warning, sla.breached); this keeps the ones assigned to the person, words them
// in their language and zone, shows them in the console, and as a desktop notification when the
// person has notifications on. On sign-in, what is already inside the window is summed up once.
import { create } from 'zustand';
import type { EventPayload } from '../../../shared/contract';
import { dateTimeString } from '../components/DateTimeText';
import { formatBusinessSpan, wholeMinutesLeft } from '../format/sla';
import { currentT, useI18n } from '../i18n';
import { api } from '../transport';
import {
  notifyPermission,
  onNotificationClick,
  requestNotifyPermission,
  showNotification,
  type NotifyPermission,
} from '../transport/notify';
import { focusTicketTitle, useNav } from './nav';

const PREFERENCE_KEY = 'support-console.notifications';
/** The console keeps the last few; older ones are in the "Due soon or breached" view anyway. */
const MAX_ALERTS = 5;
/** Subjects are fetched for a few tickets; a larger burst is summed up. */
const MAX_DETAILED = 3;

export interface SlaAlert {
  /** Unique per ticket and deadline, so a second announcement of the same one replaces it. */
  key: string;
  kind: 'warning' | 'breached' | 'summary';
  ticketId: number | null;
  title: string;
  body: string;
  at: number;
}

interface SlaAlertsState {
  alerts: SlaAlert[];
  /** The person's choice, kept per machine. */
  enabled: boolean;
  permission: NotifyPermission;
  dismiss(key: string): void;
  /** Switches desktop notifications on (asking the browser when needed) or off. */
  setEnabled(enabled: boolean): Promise<void>;
}

function savedPreference(): boolean | null {
  try {
    const saved = localStorage.getItem(PREFERENCE_KEY);
    return saved === 'on' ? true : saved === 'off' ? false : null;
  } catch {
    return null;
  }
}

function savePreference(enabled: boolean): void {
  try {
    localStorage.setItem(PREFERENCE_KEY, enabled ? 'on' : 'off');
  } catch {
    // Not kept: this window still follows the switch.
  }
}

export const useSlaAlerts = create<SlaAlertsState>()((set) => ({
  alerts: [],
  // On unless switched off: in a browser that still needs the permission, asked from the switch.
  enabled: savedPreference() ?? true,
  permission: typeof window === 'undefined' ? 'unsupported' : notifyPermission(),
  dismiss: (key) => set((s) => ({ alerts: s.alerts.filter((a) => a.key !== key) })),
  async setEnabled(enabled) {
    savePreference(enabled);
    set({ enabled });
    if (enabled && notifyPermission() === 'default') set({ permission: await requestNotifyPermission() });
    else set({ permission: notifyPermission() });
  },
}));

// What this tab already announced on the desktop: a reload shows the alerts again in the console,
// but does not notify twice about the same deadline.
const ANNOUNCED_KEY = 'support-console.sla-announced';
const MAX_ANNOUNCED = 200;

function announcedKeys(): string[] {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(ANNOUNCED_KEY) ?? '[]');
    return Array.isArray(saved) ? saved.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

function remember(keys: string[]): void {
  try {
    sessionStorage.setItem(ANNOUNCED_KEY, JSON.stringify(keys.slice(-MAX_ANNOUNCED)));
  } catch {
    // Not kept: a reload may notify once more.
  }
}

function add(alerts: SlaAlert[]): void {
  if (alerts.length === 0) return;
  const keys = new Set(alerts.map((a) => a.key));
  useSlaAlerts.setState((s) => ({
    alerts: [...alerts, ...s.alerts.filter((a) => !keys.has(a.key))].slice(0, MAX_ALERTS),
  }));
  const { enabled } = useSlaAlerts.getState();
  if (!enabled) return;
  const announced = announcedKeys();
  const fresh = alerts.filter((a) => !announced.includes(a.key));
  remember([...announced, ...fresh.map((a) => a.key)]);
  for (const alert of fresh) {
    void showNotification({ title: alert.title, body: alert.body, tag: alert.key, ticketId: alert.ticketId });
  }
}

async function subjects(ticketIds: number[]): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  await Promise.all(
    ticketIds.slice(0, MAX_DETAILED).map(async (id) => {
      const result = await api['tickets.get']({ id });
      if (result.ok) found.set(id, result.value.ticket.subject);
    }),
  );
  return found;
}

type Warned = EventPayload<'sla.warning'>['tickets'];

async function warningAlerts(tickets: Warned, zone: string): Promise<SlaAlert[]> {
  const t = currentT();
  const lang = useI18n.getState().lang;
  if (tickets.length > MAX_DETAILED) {
    const soonest = Math.min(...tickets.map((x) => x.businessMinutesLeft));
    return [
      {
        key: `warning-many-${tickets.map((x) => `${x.ticketId}@${x.dueAt}`).join(',')}`,
        kind: 'summary',
        ticketId: null,
        title: t('slaAlert.manyTitle', { n: tickets.length }),
        body: t('slaAlert.manyBody', { span: formatBusinessSpan(Math.max(0, wholeMinutesLeft(soonest)), t) }),
        at: Date.now(),
      },
    ];
  }
  const names = await subjects(tickets.map((x) => x.ticketId));
  return tickets.map((x) => ({
    key: `warning-${x.ticketId}@${x.dueAt}`,
    kind: 'warning',
    ticketId: x.ticketId,
    title: t('slaAlert.warningTitle', {
      id: x.ticketId,
      span: formatBusinessSpan(Math.max(0, wholeMinutesLeft(x.businessMinutesLeft)), t),
    }),
    body: t('slaAlert.body', {
      subject: names.get(x.ticketId) ?? `#${x.ticketId}`,
      at: dateTimeString(x.dueAt, zone, true, lang),
    }),
    at: Date.now(),
  }));
}

type Breached = EventPayload<'sla.breached'>['breaches'];

async function breachAlerts(breaches: Breached, zone: string): Promise<SlaAlert[]> {
  const t = currentT();
  const lang = useI18n.getState().lang;
  if (breaches.length > MAX_DETAILED) {
    return [
      {
        key: `breach-many-${breaches.map((b) => `${b.ticketId}@${b.breachedAt}`).join(',')}`,
        kind: 'summary',
        ticketId: null,
        title: t('slaAlert.manyBreachedTitle', { n: breaches.length }),
        body: t('slaAlert.manyBreachedBody'),
        at: Date.now(),
      },
    ];
  }
  const names = await subjects(breaches.map((b) => b.ticketId));
  return breaches.map((b) => ({
    key: `breach-${b.ticketId}@${b.breachedAt}`,
    kind: 'breached',
    ticketId: b.ticketId,
    title: t('slaAlert.breachedTitle', { id: b.ticketId }),
    body: t('slaAlert.breachedBody', {
      subject: names.get(b.ticketId) ?? `#${b.ticketId}`,
      at: dateTimeString(b.breachedAt, zone, true, lang),
    }),
    at: Date.now(),
  }));
}

/** Opens the ticket an alert (or a click on its notification) is about. */
export function openAlertTicket(ticketId: number | null): void {
  const nav = useNav.getState();
  if (ticketId === null) {
    useNav.getState().setSection('queue');
    return;
  }
  nav.openTicket(ticketId);
  focusTicketTitle();
}

/**
 * Listens for the person's SLA alerts until the returned function is called (sign-out). `staffId`
 * and `zone` are the signed-in person's.
 */
export function startSlaAlerts(staffId: number, zone: string): () => void {
  let live = true;
  const mine = <T extends { assigneeId: number | null }>(items: T[]) =>
    items.filter((x) => x.assigneeId === staffId);
  const stops = [
    api.subscribe('sla.warning', (payload) => {
      const own = mine(payload.tickets);
      if (own.length > 0) void warningAlerts(own, zone).then((a) => live && add(a));
    }),
    api.subscribe('sla.breached', (payload) => {
      const own = mine(payload.breaches);
      if (own.length > 0) void breachAlerts(own, zone).then((a) => live && add(a));
    }),
    onNotificationClick(openAlertTicket),
  ];
  // What was already inside the window before this window listened: summed up once.
  void api['sla.warnings']({ assigneeId: staffId }).then(async (result) => {
    if (!live || !result.ok || result.value.tickets.length === 0) return;
    const warned = result.value.tickets.flatMap((s) =>
      s.dueAt === null || s.businessMinutesLeft === null
        ? []
        : [
            {
              ticketId: s.ticketId,
              assigneeId: s.assigneeId,
              dueAt: s.dueAt,
              businessMinutesLeft: s.businessMinutesLeft,
            },
          ],
    );
    const alerts = await warningAlerts(warned, zone);
    if (live) add(alerts);
  });
  return () => {
    live = false;
    for (const stop of stops) stop();
    useSlaAlerts.setState({ alerts: [] });
  };
}
