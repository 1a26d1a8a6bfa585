// Exposes two objects: window.api (one function per contract method and an event subscription)
// and window.desktop (native notifications). The renderer never sees ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type {
  CallResult,
  ClientApi,
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../../shared/contract';
import type {
  ChooseResult,
  ConnectionState,
  DesktopBridge,
  DesktopNotification,
  ModeChoice,
  NotifyResult,
} from '../../shared/desktop';
import {
  CHOOSE_MODE_CHANNEL,
  CONNECTION_CHANGED_CHANNEL,
  CONNECTION_CHANNEL,
  NOTIFICATION_CLICK_CHANNEL,
  NOTIFY_CHANNEL,
  RETRY_CONNECTION_CHANNEL,
} from '../../shared/desktop-channels';

function call<M extends MethodName>(method: M) {
  return (input: MethodInput<M>): Promise<CallResult<MethodOutput<M>>> =>
    ipcRenderer.invoke(`api:${method}`, input);
}

const api = {
  'session.signIn': call('session.signIn'),
  'session.signOut': call('session.signOut'),
  'session.current': call('session.current'),
  'staff.list': call('staff.list'),
  'session.signInOptions': call('session.signInOptions'),
  'session.signInWithPassword': call('session.signInWithPassword'),
  'session.changePassword': call('session.changePassword'),
  'staff.accounts': call('staff.accounts'),
  'staff.invite': call('staff.invite'),
  'staff.revokeInvitation': call('staff.revokeInvitation'),
  'staff.invitation': call('staff.invitation'),
  'staff.acceptInvitation': call('staff.acceptInvitation'),
  'staff.setRole': call('staff.setRole'),
  'staff.setActive': call('staff.setActive'),
  'rules.summary': call('rules.summary'),
  'customers.list': call('customers.list'),
  'customers.get': call('customers.get'),
  'queue.list': call('queue.list'),
  'tickets.get': call('tickets.get'),
  'tickets.previewIntake': call('tickets.previewIntake'),
  'tickets.create': call('tickets.create'),
  'messages.preview': call('messages.preview'),
  'messages.add': call('messages.add'),
  'tickets.assign': call('tickets.assign'),
  'tickets.setStatus': call('tickets.setStatus'),
  'tickets.linkCustomer': call('tickets.linkCustomer'),
  'views.list': call('views.list'),
  'views.save': call('views.save'),
  'views.delete': call('views.delete'),
  'search.query': call('search.query'),
  'messages.draftFromRule': call('messages.draftFromRule'),
  'messages.sendRuleNotice': call('messages.sendRuleNotice'),
  'rules.previewSla': call('rules.previewSla'),
  'managers.suggest': call('managers.suggest'),
  'managers.assign': call('managers.assign'),
  'managers.unassign': call('managers.unassign'),
  'managers.history': call('managers.history'),
  'managers.setCapacity': call('managers.setCapacity'),
  'customers.changePlan': call('customers.changePlan'),
  'clients.list': call('clients.list'),
  'clients.markSeen': call('clients.markSeen'),
  'clients.addNote': call('clients.addNote'),
  'overview.lead': call('overview.lead'),
  'settings.get': call('settings.get'),
  'settings.update': call('settings.update'),
  'audit.list': call('audit.list'),
  'calls.list': call('calls.list'),
  'calls.get': call('calls.get'),
  'calls.slots': call('calls.slots'),
  'calls.schedule': call('calls.schedule'),
  'calls.reschedule': call('calls.reschedule'),
  'calls.cancel': call('calls.cancel'),
  'calls.complete': call('calls.complete'),
  'calls.calendar': call('calls.calendar'),
  'calls.ics': call('calls.ics'),
  'sla.review': call('sla.review'),
  'sla.reviewTickets': call('sla.reviewTickets'),
  'sla.csv': call('sla.csv'),
  'sla.explain': call('sla.explain'),
  'sla.status': call('sla.status'),
  'sla.warnings': call('sla.warnings'),
  'rules.versions': call('rules.versions'),
  'rules.sla': call('rules.sla'),
  'rules.updateSla': call('rules.updateSla'),
  'channels.smtp.get': call('channels.smtp.get'),
  'channels.smtp.update': call('channels.smtp.update'),
  'channels.smtp.remove': call('channels.smtp.remove'),
  'channels.smtp.test': call('channels.smtp.test'),
  'outbox.list': call('outbox.list'),
  'outbox.retry': call('outbox.retry'),
  'outbox.cancel': call('outbox.cancel'),
  'channels.website.get': call('channels.website.get'),
  'channels.website.update': call('channels.website.update'),
  'channels.website.rotateSecret': call('channels.website.rotateSecret'),
  'channels.website.recent': call('channels.website.recent'),
  'channels.website.sendTest': call('channels.website.sendTest'),
  'channels.imap.get': call('channels.imap.get'),
  'channels.imap.update': call('channels.imap.update'),
  'channels.imap.remove': call('channels.imap.remove'),
  'channels.imap.test': call('channels.imap.test'),
  'mail.attachment': call('mail.attachment'),
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const wrapped = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as EventPayload<E>);
    };
    ipcRenderer.on('api:event', wrapped);
    return () => ipcRenderer.removeListener('api:event', wrapped);
  },
} satisfies ClientApi;

// Native notifications: one call to show one, one subscription to hear of a click. Where the app
// works: read it, hear of changes (the team server's link going down and up), choose, retry. The
// main process checks the sender and every payload.
const desktop = {
  notify: (notification: DesktopNotification): Promise<NotifyResult> =>
    ipcRenderer.invoke(NOTIFY_CHANNEL, notification),
  onNotificationClick(listener: (ticketId: number | null) => void): () => void {
    const wrapped = (_event: IpcRendererEvent, ticketId: unknown) =>
      listener(typeof ticketId === 'number' ? ticketId : null);
    ipcRenderer.on(NOTIFICATION_CLICK_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(NOTIFICATION_CLICK_CHANNEL, wrapped);
  },
  connection: (): Promise<ConnectionState> => ipcRenderer.invoke(CONNECTION_CHANNEL),
  onConnectionChange(listener: (state: ConnectionState) => void): () => void {
    const wrapped = (_event: IpcRendererEvent, state: ConnectionState) => listener(state);
    ipcRenderer.on(CONNECTION_CHANGED_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(CONNECTION_CHANGED_CHANNEL, wrapped);
  },
  chooseMode: (choice: ModeChoice): Promise<ChooseResult> => ipcRenderer.invoke(CHOOSE_MODE_CHANNEL, choice),
  retryConnection: (): Promise<void> => ipcRenderer.invoke(RETRY_CONNECTION_CHANNEL),
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('api', api);
contextBridge.exposeInMainWorld('desktop', desktop);
