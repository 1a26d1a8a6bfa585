// The fixed lists of names the whole system shares, as plain constants with no dependencies. The
// zod schemas in domain.ts and contract.ts are built from them, and the renderer imports them
// directly so that its start-up path does not have to load zod and the whole contract.

export const channelIds = ['topic', 'email', 'chat', 'phone', 'blog_comment'] as const;
export const roleIds = ['agent', 'account_manager', 'lead'] as const;
export const ticketStatuses = ['new', 'open', 'waiting_customer', 'solved', 'closed'] as const;
export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export const messageKinds = ['question', 'answer', 'blog_comment', 'internal_note'] as const;
export const phoneTools = ['skype', 'google_meet'] as const;

/**
 * How a person signs in: picker, one machine (desktop or serve mode), staff without a password are
 * chosen from a list; password, a team server, everyone signs in with e-mail and password.
 */
/** Long enough to resist guessing at the lock-out's pace; long passphrases welcome. */
export const PASSWORD_MIN_LENGTH = 10;

export const signInModes = ['picker', 'password'] as const;

export const errorCodes = [
  'invalid_input',
  'not_found',
  'not_signed_in',
  'forbidden',
  'rule_refused',
  'conflict',
  'unavailable',
  /** The disk holding the database is full: nothing was saved. */
  'storage_full',
  'internal',
  /** Sign-in: the e-mail and password do not match (or the staff member has a password and gave none). */
  'wrong_password',
  /** Sign-in: too many wrong passwords in a row; the error's `until` says when it may be tried again. */
  'locked_out',
  /** The session this call rests on ended: expired, signed out, revoked, or never issued by this server. */
  'session_expired',
  /** The staff member was deactivated by a lead. */
  'deactivated',
] as const;

export const builtinViewIds = [
  'needs_first_response',
  'mine',
  'unassigned',
  'topics',
  'email',
  'chat',
  'call_requests',
  'blog_comments',
  'due_soon',
  'waiting_for_hours',
  'refused',
  'free_quota_used_up',
  'unknown_customer',
] as const;

/** Where an outbox mail's delivery stands (channels/mail-out/). */
export const outboxStates = ['queued', 'sending', 'sent', 'failed', 'needs_attention', 'cancelled'] as const;
/** Why a try to hand a mail to the SMTP server failed; the server's own words travel beside it. */
export const mailErrorCodes = [
  /** The server refused it for good (5xx). */
  'refused',
  /** The server asked to try later (4xx). */
  'deferred',
  'timeout',
  /** No connection: the server is down or the address is wrong. */
  'unreachable',
  /** The server refused the user name or password. */
  'auth',
  /** The TLS handshake or certificate failed. */
  'tls',
  /** The recipient address is not one we can put in a header (checked before any connection). */
  'invalid_recipient',
  /** No SMTP server is set up yet. */
  'not_configured',
  'error',
] as const;
export const smtpSecurities = ['none', 'starttls', 'tls'] as const;
