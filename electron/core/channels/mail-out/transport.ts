// The nodemailer SMTP transport for the stored settings, and what a failed try means.
import type * as Nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { MailError } from '../../../../shared/contract';
import type { MailOutConfig } from './settings';
import { InvalidRecipientError } from './compose';

export interface SmtpTimeouts {
  /** Until the TCP (or TLS) connection is up. */
  connectionMs: number;
  /** Until the server's greeting. */
  greetingMs: number;
  /** Any silence from the server after that. */
  socketMs: number;
}

export const DEFAULT_TIMEOUTS: SmtpTimeouts = { connectionMs: 15_000, greetingMs: 15_000, socketMs: 60_000 };

// nodemailer is loaded when a transport is first made (a mail to send, or a lead's test mail), not
// with the core: most starts never send and would pay for loading it.
let nodemailer: Promise<typeof Nodemailer> | null = null;

export async function smtpTransport(
  config: MailOutConfig,
  timeouts: SmtpTimeouts,
  pool: { maxConnections: number } | null,
): Promise<Transporter> {
  nodemailer ??= import('nodemailer');
  const { createTransport } = await nodemailer;
  return createTransport({
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    ignoreTLS: config.security === 'none',
    ...(config.user !== null ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    tls: { rejectUnauthorized: config.verifyCertificates, servername: config.host },
    ...(pool ? { pool: true, maxConnections: pool.maxConnections, maxMessages: 200 } : {}),
  });
}

interface SmtpLikeError {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  message?: unknown;
}

/** A failed try as a code and the server's or the network's words; `permanent` when retrying cannot help. */
export function classifySendError(error: unknown): MailError & { permanent: boolean } {
  if (error instanceof InvalidRecipientError) {
    return { code: 'invalid_recipient', detail: error.message, permanent: true };
  }
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpLikeError;
  const code = typeof e.code === 'string' ? e.code : '';
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const text =
    typeof e.response === 'string' && e.response !== ''
      ? e.response
      : typeof e.message === 'string'
        ? e.message
        : String(error);
  const detail = text.replace(/\s+/g, ' ').trim().slice(0, 500);
  if (code === 'EAUTH' || responseCode === 535 || responseCode === 534) {
    // A wrong password is fixed in the settings, then the waiting mails go: not a reason to give up.
    return { code: 'auth', detail, permanent: false };
  }
  if (responseCode !== null && responseCode >= 500) return { code: 'refused', detail, permanent: true };
  if (responseCode !== null && responseCode >= 400) return { code: 'deferred', detail, permanent: false };
  if (code === 'ETIMEDOUT' || /timeout/i.test(detail)) return { code: 'timeout', detail, permanent: false };
  if (code === 'ETLS' || /certificate|ssl|tls/i.test(detail))
    return { code: 'tls', detail, permanent: false };
  if (
    code === 'ECONNECTION' ||
    code === 'ESOCKET' ||
    code === 'EDNS' ||
    /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND|closed/i.test(detail)
  ) {
    return { code: 'unreachable', detail, permanent: false };
  }
  return { code: 'error', detail, permanent: false };
}
