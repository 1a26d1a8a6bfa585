import type { ChannelId, TicketStatus } from '../../../shared/domain';

export const channelLabels: Record<ChannelId, string> = {
  topic: 'Topic',
  email: 'Email',
  chat: 'Chat',
  phone: 'Phone',
  blog_comment: 'Blog comment',
};

export const statusLabels: Record<TicketStatus, string> = {
  new: 'New',
  open: 'Open',
  waiting_customer: 'Waiting on customer',
  solved: 'Solved',
  closed: 'Closed',
};

export const roleLabels: Record<string, string> = {
  agent: 'Agent',
  account_manager: 'Account manager',
  lead: 'Lead',
};
