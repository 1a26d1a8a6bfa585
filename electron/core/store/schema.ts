// The database as Kysely sees it. Timestamps are integer epoch milliseconds, booleans are 0/1
// integers and structured values are JSON text, so the same schema works on SQLite and PostgreSQL.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Id = Generated<number>;
type Json = string;
type Flag = 0 | 1;

export interface SchemaMigrationTable {
  position: number;
  name: string;
  applied_at: number;
}

export interface CustomerTable {
  id: Id;
  name: string;
  company: string | null;
  account_email: string;
  zone: string | null;
  plan_id: string;
  /** When the current plan took effect. */
  plan_since: number;
  created_at: number;
  updated_at: number;
  /**
   * The customer's messages with counts_toward_quota = 1, their whole history (0008). Kept by the
   * database on every write to messages, so no writer sets it; it lets the queue find spent quotas
   * from one index.
   */
  quota_spent: ColumnType<number, never, never>;
  /**
   * How many of the customer's tickets are open work (COUNTED_OPEN_STATUSES), kept by the database
   * on every write to tickets (0023), so the spent customers with open work are one range of an index.
   */
  open_tickets: ColumnType<number, never, never>;
}

export interface PlanChangeTable {
  id: Id;
  customer_id: number;
  from_plan_id: string | null;
  plan_id: string;
  effective_at: number;
  changed_by: number | null;
  reason: string;
  created_at: number;
  /** Null while a change dated in the future waits for its effective time. */
  applied_at: number | null;
}

export interface StaffTable {
  id: Id;
  name: string;
  email: string;
  role: 'agent' | 'account_manager' | 'lead';
  zone: string;
  active: Flag;
  /** Clients an account manager can carry; null for other roles. */
  capacity: number | null;
  last_signed_in_at: number | null;
  created_at: number;
  /** `scrypt$N$r$p$salt$hash` (base64url); null: picked from the list on one machine, no password. */
  password_hash: Generated<string | null>;
  password_changed_at: Generated<number | null>;
  /** Wrong passwords in a row since the last success or lock-out. */
  failed_sign_ins: Generated<number>;
  locked_until: Generated<number | null>;
}

/** A server-issued sign-in. The token is given to the client once; only its SHA-256 is kept. */
export interface StaffSessionTable {
  id: Id;
  staff_id: number;
  token_hash: string;
  created_at: number;
  last_seen_at: number;
  /** The absolute end; the session also ends after the idle lifetime without use. */
  expires_at: number;
  revoked_at: number | null;
  /** signed_out, password_changed, deactivated, expired. */
  revoked_reason: string | null;
  /** The client's User-Agent, shortened, to tell a lead's sessions apart. */
  client: string | null;
}

export interface StaffInvitationTable {
  id: Id;
  token_hash: string;
  email: string;
  name: string;
  role: 'agent' | 'account_manager' | 'lead';
  zone: string;
  invited_by: number | null;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  revoked_at: number | null;
  /** The staff member the accepted invitation created. */
  staff_id: number | null;
}

export interface TicketTable {
  id: Id;
  /** Null while the ticket is an unknown sender's mail not yet linked to a customer (0016). */
  customer_id: number | null;
  channel: 'topic' | 'email' | 'chat' | 'phone' | 'blog_comment';
  subject: string;
  status: 'new' | 'open' | 'waiting_customer' | 'solved' | 'closed';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  assignee_id: number | null;
  created_at: number;
  updated_at: number;
  /** When the SLA clock starts: the arrival, or the channel's next opening when it arrived closed. */
  clock_starts_at: number;
  first_response_at: number | null;
  first_response_due_at: number | null;
  /** The deadline currently running (first or next response); null while nothing is owed. */
  due_at: number | null;
  last_customer_message_at: number | null;
  last_staff_message_at: number | null;
  /** `undecided`: no customer yet (an unknown sender's mail), so no plan to decide by (0016). */
  intake_outcome: 'accept' | 'refuse' | 'undecided';
  intake_reason_code: string;
  intake_reason: string;
  /** The whole decision (rule ids, alternatives, quota), as JSON. */
  intake_decision: Json;
  rule_set_version: string;
  /** Set while the customer's plan no longer includes this ticket's channel. */
  flagged_not_entitled: Flag;
  // The SLA clock's stored results (0006), kept by sla/record.ts from the ticket's sla_events.
  /** The stored rule set version (rule_set_versions.version) the ticket is measured against. */
  sla_rule_version: Nullable<number>;
  /** The customer's plan at arrival: targets and the review's plan follow it, not later changes. */
  sla_plan_id: Nullable<string>;
  /** Business minutes of the channel's calendar; null when nothing is owed (refused at intake). */
  first_response_target_minutes: Nullable<number>;
  next_response_target_minutes: Nullable<number>;
  /** Business milliseconds from arrival to the first response, pauses excluded. */
  first_response_business_ms: Nullable<number>;
  first_response_by: Nullable<number>;
  first_response_breached: Defaulted<Flag>;
  /** The response owed now; null when none is. */
  sla_phase: Nullable<'first' | 'next'>;
  /** The owed phase's breach is recorded in sla_breaches (the scheduler skips it). */
  sla_phase_breached: Defaulted<Flag>;
  sla_breach_count: Defaulted<number>;
  /** Who wrote, for a ticket opened by mail from an address no customer had (0016). */
  sender_email: Nullable<string>;
  sender_name: Nullable<string>;
}

/** A column the writer may leave out (null then). */
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
/** A column with a database default the writer may leave out. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface MessageTable {
  id: Id;
  ticket_id: number;
  /** Denormalised from the ticket so the quota count is one indexed query; null as the ticket's. */
  customer_id: number | null;
  author_kind: 'customer' | 'staff';
  author_staff_id: number | null;
  kind: 'question' | 'answer' | 'blog_comment' | 'internal_note';
  body: string;
  /** A refused customer message is kept, with the decision that refused it. */
  accepted: Flag;
  counts_toward_quota: Flag;
  decision: Json | null;
  created_at: number;
}

export interface CallTable {
  id: Id;
  ticket_id: number;
  customer_id: number;
  agent_id: number | null;
  status: 'requested' | 'scheduled' | 'done' | 'no_show' | 'cancelled';
  questions: Json;
  contact_email: string;
  tool: 'skype' | 'google_meet';
  customer_zone: string | null;
  starts_at: number | null;
  ends_at: number | null;
  link: string | null;
  /** iCalendar UID and SEQUENCE, so updates and cancellations replace the first invitation. */
  ical_uid: string;
  ical_sequence: number;
  flagged_for_review: Flag;
  created_at: number;
  updated_at: number;
  /** Why the call was cancelled, or the agent's note on how it went (0005). */
  status_note: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ManagerAssignmentTable {
  id: Id;
  customer_id: number;
  manager_id: number;
  started_at: number;
  ended_at: number | null;
  assigned_by: number | null;
  reason: string;
  ended_reason: string | null;
}

export interface AuditLogTable {
  id: Id;
  at: number;
  actor_staff_id: number | null;
  action: string;
  entity: string;
  entity_id: number | null;
  before: Json | null;
  after: Json | null;
}

export interface OutboxTable {
  id: Id;
  created_at: number;
  /** Null for an answer mailed to an unknown sender (tickets.sender_email), 0016. */
  customer_id: number | null;
  ticket_id: number | null;
  to_email: string;
  kind: 'answer_notification' | 'intake_refused' | 'call_invitation' | 'call_update' | 'call_cancelled';
  subject: string;
  body: string;
  /** An attachment such as an .ics invitation, as text. */
  attachment: string | null;
  status: 'pending' | 'sent' | 'failed';
  sent_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** The call an invitation, update or cancellation is about (0005). */
  call_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Our RFC 5322 Message-ID, given when queued (0011); null on mails queued before it. */
  message_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Where delivery stands (0012; channels/mail-out/). `status` is kept as its coarse summary. */
  delivery: ColumnType<OutboxDelivery, OutboxDelivery | undefined, OutboxDelivery>;
  attempts: ColumnType<number, number | undefined, number>;
  /** When the next try is due (null: as soon as possible). */
  next_attempt_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** While `sending`: until when the sender that claimed it holds it. */
  lease_until: ColumnType<number | null, number | null | undefined, number | null>;
  /** When the SMTP server accepted it. */
  handed_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** Why the last try failed: a code and the server's or the network's words, as JSON. */
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  /** The server's answer to the accepted mail (`250 2.0.0 Ok: queued as …`). */
  smtp_response: ColumnType<string | null, string | null | undefined, string | null>;
  /** The ticket message this mail announces. */
  source_message_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export type OutboxDelivery = 'queued' | 'sending' | 'sent' | 'failed' | 'needs_attention' | 'cancelled';

export interface CustomerNoteTable {
  id: Id;
  customer_id: number;
  author_staff_id: number;
  body: string;
  created_at: number;
}

/** When an account manager last looked at a client, for the "new activity" marker. */
export interface ClientViewTable {
  manager_id: number;
  customer_id: number;
  last_seen_at: number;
}

export interface SettingTable {
  key: string;
  /** JSON */
  value: string;
  updated_at: number;
  updated_by: number | null;
}

/** A staff member's own queue view: the filter, sort and columns they saved under a name. */
export interface SavedViewTable {
  id: Id;
  staff_id: number;
  name: string;
  /** The contract's queueFilter, queueSort and queueColumns, as JSON. */
  filter: Json;
  sort: Json;
  columns: Json;
  created_at: number;
  updated_at: number;
}

/** Every rule set the console has enforced, numbered 1, 2, …; tickets point at the one they were measured by. */
export interface RuleSetVersionTable {
  version: number;
  rule_set_id: string;
  /** `<id>@<version>` as the rule set itself reads (ruleSetVersion), unique. */
  label: string;
  /** The whole parsed rule set. */
  json: Json;
  created_at: number;
  created_by: number | null;
  note: string;
}

/** What moved a ticket's SLA clock, in order: the clock is a pure function of these rows. */
export interface SlaEventTable {
  id: Id;
  ticket_id: number;
  at: number;
  kind: 'arrival' | 'customer_message' | 'response' | 'pause' | 'resume' | 'close';
  staff_id: number | null;
}

/** A missed deadline, recorded once (unique ticket, phase, due) with the moment it was missed. */
export interface SlaBreachTable {
  id: Id;
  ticket_id: number;
  phase: 'first' | 'next';
  due_at: number;
  /** The true moment of the breach: the deadline itself, even when recorded later. */
  breached_at: number;
  /** When the console wrote it down (later than breached_at after a restart). */
  recorded_at: number;
  rule_version: number | null;
}

export interface WriteLockTable {
  id: number;
  writes: number;
}

/** One announced event, kept briefly for processes that poll the feed (electron/core/live/). */
export interface LiveEventTable {
  id: Id;
  origin: string;
  event: string;
  payload: Json;
  created_at: number;
}

/** A named lease held by one process until it expires (the timer leader on SQLite). */
export interface LiveLeaseTable {
  name: string;
  holder: string;
  expires_at: number;
}

/** One mail read from the mailbox (0013): what it became, keyed by its place in the mailbox. */
export interface MailInboundTable {
  id: Id;
  mailbox: string;
  uid_validity: number;
  uid: number;
  sha256: string;
  rfc_message_id: string | null;
  from_address: string | null;
  from_name: string | null;
  subject: string;
  size: number;
  received_at: number;
  outcome: MailOutcome;
  note: string | null;
  auto_submitted: Defaulted<Flag>;
  ticket_id: number | null;
  message_id: number | null;
  body: string | null;
}

export type MailOutcome =
  /** A new ticket (accepted or refused by admit). */
  | 'ticket'
  /** A message on an existing ticket. */
  | 'message'
  /** From an address no customer has: waits for staff to link it. */
  | 'unknown_sender'
  /** Seen before under an earlier UIDVALIDITY, or sent from our own address: nothing made. */
  | 'skipped'
  /** Could not be read; logged, the mail stays in the mailbox. */
  | 'failed';

export interface MailAttachmentTable {
  id: Id;
  inbound_id: number;
  filename: string;
  content_type: string;
  size: number;
  content: Buffer;
}

export interface MailMailboxStateTable {
  mailbox: string;
  uid_validity: number | null;
  last_uid: Defaulted<number>;
  last_check_at: number | null;
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
}

/** The website channel's one row (0014): its switch and its signing secrets, sealed (channels/secret-box.ts). */
export interface WebsiteChannelTable {
  id: number;
  enabled: Flag;
  secret_sealed: string | null;
  secret_created_at: number | null;
  /** The secret before the last rotation, still accepted until previous_valid_until. */
  previous_secret_sealed: string | null;
  previous_valid_until: number | null;
  updated_at: number;
  updated_by: number | null;
}

/** A post the website sent and the console took in, once per idempotency key, with the answer given. */
export interface WebsitePostTable {
  id: Id;
  idempotency_key: string;
  request_hash: string;
  kind: 'topic_question' | 'blog_comment' | 'call_request';
  language: 'en' | 'fr';
  customer_id: number;
  ticket_id: number;
  outcome: 'accept' | 'refuse';
  reason_code: string;
  answer: Json;
  received_at: number;
}

/** A request the endpoint refused before writing anything (bad signature, stale, malformed…). */
export interface WebsiteRejectionTable {
  id: Id;
  at: number;
  status: number;
  code: string;
  message: string;
  idempotency_key: string | null;
}

/** A further address of a customer, learnt when staff linked an unknown sender's ticket (0016). */
export interface CustomerAddressTable {
  id: Id;
  customer_id: number;
  /** Lower case. */
  address: string;
  ticket_id: number | null;
  added_by: number | null;
  added_at: number;
}

export interface Database {
  schema_migrations: SchemaMigrationTable;
  customers: CustomerTable;
  plan_changes: PlanChangeTable;
  staff: StaffTable;
  tickets: TicketTable;
  messages: MessageTable;
  calls: CallTable;
  manager_assignments: ManagerAssignmentTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  customer_notes: CustomerNoteTable;
  client_views: ClientViewTable;
  settings: SettingTable;
  write_lock: WriteLockTable;
  saved_views: SavedViewTable;
  rule_set_versions: RuleSetVersionTable;
  sla_events: SlaEventTable;
  sla_breaches: SlaBreachTable;
  live_events: LiveEventTable;
  live_lease: LiveLeaseTable;
  staff_sessions: StaffSessionTable;
  staff_invitations: StaffInvitationTable;
  mail_inbound: MailInboundTable;
  mail_attachments: MailAttachmentTable;
  mail_mailbox_state: MailMailboxStateTable;
  website_channel: WebsiteChannelTable;
  website_posts: WebsitePostTable;
  website_rejections: WebsiteRejectionTable;
  customer_addresses: CustomerAddressTable;
}

export type CustomerRow = Selectable<CustomerTable>;
export type StaffRow = Selectable<StaffTable>;
export type StaffSessionRow = Selectable<StaffSessionTable>;
export type StaffInvitationRow = Selectable<StaffInvitationTable>;
export type TicketRow = Selectable<TicketTable>;
export type NewTicket = Insertable<TicketTable>;
export type TicketUpdate = Updateable<TicketTable>;
export type MessageRow = Selectable<MessageTable>;
export type CallRow = Selectable<CallTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type SavedViewRow = Selectable<SavedViewTable>;
export type RuleSetVersionRow = Selectable<RuleSetVersionTable>;
export type SlaEventRow = Selectable<SlaEventTable>;
