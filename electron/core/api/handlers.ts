// The one table from contract method to handler. An object literal cannot hold the same key twice
// and `satisfies HandlerTable` demands every method, so no name is missing, extra or duplicated.
import {
  getImapSettings,
  getMailAttachment,
  removeImapSettings,
  testImap,
  updateImapSettings,
} from '../handlers/mail-in';
import { listAudit } from '../handlers/audit';
import {
  cancelOutbox,
  getSmtp,
  listOutbox,
  removeSmtp,
  retryOutbox,
  testSmtp,
  updateSmtp,
} from '../handlers/outbox';
import {
  callCalendar,
  callIcs,
  callSlots,
  cancelCall,
  completeCall,
  getCall,
  listCalls,
  rescheduleCall,
  scheduleCall,
} from '../handlers/calls';
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
import { draftFromRule, sendRuleNotice } from '../handlers/drafts';
import { addMessage, previewMessage } from '../handlers/messages';
import { listQueueHandler } from '../handlers/queue';
import { ruleSetSummary } from '../handlers/rules';
import { getSlaRules, listRuleVersions, previewSlaRules, updateSlaRules } from '../handlers/rule-versions';
import {
  slaCsvHandler,
  slaExplainHandler,
  slaReviewHandler,
  slaReviewTicketsHandler,
  slaStatusHandler,
  slaWarningsHandler,
} from '../handlers/sla';
import { searchHandler } from '../handlers/search';
import {
  getWebsiteSettings,
  recentWebsitePosts,
  rotateWebsiteSecret,
  sendWebsiteTest,
  updateWebsiteSettings,
} from '../channels/website/settings';
import {
  changePassword,
  currentSession,
  listAllStaff,
  signIn,
  signInByEmail,
  signInOptions,
  signOut,
} from '../handlers/session';
import {
  acceptInvitation,
  invite,
  listAccounts,
  readInvitation,
  revokeInvitation,
  setActive,
  setRole,
} from '../handlers/staff';
import { assignTicket, createTicket, getTicket, previewIntake, setTicketStatus } from '../handlers/tickets';
import { linkTicketCustomer } from '../handlers/unknown-customer';
import { deleteView, listViews, saveView } from '../handlers/views';
import type { HandlerTable } from './handler';

export const handlers = {
  'session.signIn': signIn,
  'session.signInOptions': signInOptions,
  'session.signInWithPassword': signInByEmail,
  'session.changePassword': changePassword,
  'staff.accounts': listAccounts,
  'staff.invite': invite,
  'staff.revokeInvitation': revokeInvitation,
  'staff.invitation': readInvitation,
  'staff.acceptInvitation': acceptInvitation,
  'staff.setRole': setRole,
  'staff.setActive': setActive,
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
  'tickets.linkCustomer': linkTicketCustomer,
  'views.list': listViews,
  'views.save': saveView,
  'views.delete': deleteView,
  'search.query': searchHandler,
  'messages.draftFromRule': draftFromRule,
  'messages.sendRuleNotice': sendRuleNotice,
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
  'calls.list': listCalls,
  'calls.get': getCall,
  'calls.slots': callSlots,
  'calls.schedule': scheduleCall,
  'calls.reschedule': rescheduleCall,
  'calls.cancel': cancelCall,
  'calls.complete': completeCall,
  'calls.calendar': callCalendar,
  'calls.ics': callIcs,
  'sla.review': slaReviewHandler,
  'sla.reviewTickets': slaReviewTicketsHandler,
  'sla.csv': slaCsvHandler,
  'sla.explain': slaExplainHandler,
  'sla.status': slaStatusHandler,
  'sla.warnings': slaWarningsHandler,
  'rules.versions': listRuleVersions,
  'rules.sla': getSlaRules,
  'rules.previewSla': previewSlaRules,
  'rules.updateSla': updateSlaRules,
  'channels.smtp.get': getSmtp,
  'channels.smtp.update': updateSmtp,
  'channels.smtp.remove': removeSmtp,
  'channels.smtp.test': testSmtp,
  'outbox.list': listOutbox,
  'outbox.retry': retryOutbox,
  'outbox.cancel': cancelOutbox,
  'channels.website.get': getWebsiteSettings,
  'channels.website.update': updateWebsiteSettings,
  'channels.website.rotateSecret': rotateWebsiteSecret,
  'channels.website.recent': recentWebsitePosts,
  'channels.website.sendTest': sendWebsiteTest,
  'channels.imap.get': getImapSettings,
  'channels.imap.update': updateImapSettings,
  'channels.imap.remove': removeImapSettings,
  'channels.imap.test': testImap,
  'mail.attachment': getMailAttachment,
} satisfies HandlerTable;
