// The one table from contract method to handler. An object literal cannot hold the same key twice
// and `satisfies HandlerTable` demands every method, so no name is missing, extra or duplicated.
import { listAudit } from '../handlers/audit';
import { addClientNote, listClients, markClientSeen } from '../handlers/clients';
import {
  assignManager,
  managerHistory,
  setManagerCapacity,
  suggestManager,
  unassignManager,
} from '../handlers/managers';
import { leadOverview } from '../handlers/overview';
import { changePlan } from '../handlers/plans';
import { getSettings, updateSettings } from '../handlers/settings';
import { getCustomer, listCustomersHandler } from '../handlers/customers';
import { addMessage, previewMessage } from '../handlers/messages';
import { listQueueHandler } from '../handlers/queue';
import { ruleSetSummary } from '../handlers/rules';
import { currentSession, listAllStaff, signIn, signOut } from '../handlers/session';
import { assignTicket, createTicket, getTicket, previewIntake, setTicketStatus } from '../handlers/tickets';
import type { HandlerTable } from './handler';

export const handlers = {
  'session.signIn': signIn,
  'session.signOut': signOut,
  'session.current': currentSession,
  'staff.list': listAllStaff,
  'rules.summary': ruleSetSummary,
  'customers.list': listCustomersHandler,
  'customers.get': getCustomer,
  'queue.list': listQueueHandler,
  'tickets.get': getTicket,
  'tickets.previewIntake': previewIntake,
  'tickets.create': createTicket,
  'messages.preview': previewMessage,
  'messages.add': addMessage,
  'tickets.assign': assignTicket,
  'tickets.setStatus': setTicketStatus,
  'managers.suggest': suggestManager,
  'managers.assign': assignManager,
  'managers.unassign': unassignManager,
  'managers.history': managerHistory,
  'managers.setCapacity': setManagerCapacity,
  'customers.changePlan': changePlan,
  'clients.list': listClients,
  'clients.markSeen': markClientSeen,
  'clients.addNote': addClientNote,
  'overview.lead': leadOverview,
  'settings.get': getSettings,
  'settings.update': updateSettings,
  'audit.list': listAudit,
} satisfies HandlerTable;
