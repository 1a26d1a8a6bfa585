// A real SMTP server (smtp-server) on 127.0.0.1 and a free port, for the mail-out tests and the
// bench. It records every accepted message as the raw bytes that arrived, and can be told to refuse
// (5xx), to defer (4xx), to hang (never answer the message, so the client times out), or to go down
// and come back on the same port.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  from: string | null;
  to: string[];
  /** The Message-ID header as it arrived. */
  messageId: string | null;
  user: string | null;
  /** Whether the connection was upgraded to TLS (STARTTLS) before the mail. */
  secure: boolean;
}

export type SmtpMode = 'accept' | 'refuse' | 'defer' | 'hang';

export interface TestSmtpServer {
  readonly port: number;
  readonly received: ReceivedMail[];
  mode: SmtpMode;
  /** Messages received in `hang` mode and never answered (yet). */
  readonly hanging: number;
  /** Accept only this user name and password (none: any client, no login needed). */
  login: { user: string; pass: string } | null;
  /** Stop accepting connections and drop the ones open (the server is "down"). */
  stop(): Promise<void>;
  /** Listen again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

function header(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded);
  return match?.[1]?.trim() ?? null;
}

export function headerOf(raw: string, name: string): string | null {
  return header(raw, name);
}

/** The header names of the message's top-level header block, in order (lower case). */
export function headerNames(raw: string): string[] {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  return head
    .split(/\r?\n/)
    .filter((line) => line !== '' && !/^[ \t]/.test(line))
    .map((line) => (line.split(':', 1)[0] ?? '').toLowerCase());
}

export async function startSmtpServer(port = 0): Promise<TestSmtpServer> {
  let server: SMTPServer | null = null;
  const hanging = new Set<() => void>();
  const state = {
    port,
    received: [] as ReceivedMail[],
    mode: 'accept' as SmtpMode,
    login: null as { user: string; pass: string } | null,
  };

  const options = (): SMTPServerOptions => ({
    logger: false,
    // Plain connections (nodemailer's `none`) and STARTTLS with the package's own certificate.
    allowInsecureAuth: true,
    authOptional: true,
    closeTimeout: 50,
    onAuth(auth, _session, callback) {
      const login = state.login;
      if (login && auth.username === login.user && auth.password === login.pass) {
        callback(null, { user: auth.username });
        return;
      }
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onMailFrom(_address, session, callback) {
      if (state.login && !session.user) {
        callback(Object.assign(new Error('Authentication required'), { responseCode: 530 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mode = state.mode;
        if (mode === 'hang') {
          hanging.add(() => callback(new Error('gone')));
          return;
        }
        if (mode === 'refuse') {
          callback(Object.assign(new Error('5.7.1 Message refused by policy'), { responseCode: 550 }));
          return;
        }
        if (mode === 'defer') {
          callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        state.received.push({
          raw,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((r) => r.address),
          messageId: header(raw, 'message-id'),
          user: typeof session.user === 'string' ? session.user : null,
          secure: session.secure,
        });
        callback(null, 'Ok: queued');
      });
    },
  });

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = new SMTPServer(options());
      s.on('error', () => undefined);
      s.server.once('error', reject);
      s.listen(state.port, '127.0.0.1', () => {
        state.port = (s.server.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });

  const shut = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      for (const release of hanging) release();
      hanging.clear();
      if (!s) {
        resolve();
        return;
      }
      s.close(() => resolve());
    });

  await listen();
  return {
    get port() {
      return state.port;
    },
    get received() {
      return state.received;
    },
    get mode() {
      return state.mode;
    },
    set mode(mode: SmtpMode) {
      state.mode = mode;
    },
    get hanging() {
      return hanging.size;
    },
    get login() {
      return state.login;
    },
    set login(login) {
      state.login = login;
    },
    stop: shut,
    start: listen,
    close: shut,
  };
}
