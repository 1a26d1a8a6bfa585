// A throwaway IMAP server for the mail intake's tests and bench: Debian's Dovecot with a config of its
// own in a temporary folder, listening on 127.0.0.1 and a free port, one passwd-file user, a maildir
// in the same folder. No privileged port, no system account: the mail processes run as the current
// user (Dovecot refuses root for them, so as root they run as its own `dovecot` account, and the
// login process as `dovenull`, which Dovecot requires to be unprivileged). Mails reach the mailbox
// only by IMAP APPEND (`append`) or by delivery, never by touching the maildir.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

export const DOVECOT_BIN = process.env.DOVECOT_BIN ?? '/usr/sbin/dovecot';

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Puts one raw RFC 5322 mail into the user's INBOX (or `mailbox`) by IMAP APPEND; its UID. */
  append(raw: string | Buffer, mailbox?: string): Promise<number>;
  /** Many mails over one connection (the bench). */
  appendMany(raws: (string | Buffer)[], mailbox?: string): Promise<void>;
  /** Stops the server (connections drop) and starts it again on the same port with the same mail. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** Stopped: connections are refused until `start`. */
  start(): Promise<void>;
  /** A new, empty mailbox (one per test keeps their UIDs apart). */
  createMailbox(name: string): Promise<void>;
  /** Empties the mailbox and gives it a new UIDVALIDITY (deleted and created again). */
  recreateMailbox(mailbox?: string): Promise<void>;
  dispose(): Promise<void>;
  log(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accountIds(name: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

/** What Dovecot offers after login, less IDLE: a server that only lets its clients poll. */
const CAPABILITIES_WITHOUT_IDLE =
  'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE SORT THREAD=REFERENCES MULTIAPPEND UNSELECT ' +
  'CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT ' +
  'SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SPECIAL-USE LITERAL+';

export async function startDovecot(
  options: { user?: string; password?: string; idle?: boolean } = {},
): Promise<Dovecot> {
  const user = options.user ?? 'support';
  const password = options.password ?? 'imap-secret';
  const dir = mkdtempSync(join(tmpdir(), 'support-console-dovecot-'));
  const port = await freePort();
  const me = userInfo();
  const root = me.uid === 0;
  const mailAccount = root ? accountIds('dovecot') : { uid: me.uid, gid: me.gid };
  if (!mailAccount)
    throw new Error('Dovecot as root needs its `dovecot` account (apt-get install dovecot-imapd).');
  const internal = root ? 'root' : me.username;
  const login = root ? 'dovenull' : me.username;
  const mail = join(dir, 'mail');
  mkdirSync(mail);
  mkdirSync(join(dir, 'run'));
  mkdirSync(join(dir, 'state'));
  if (root) {
    // The mail processes run as `dovecot`: they must reach the maildir through the temp folder.
    chmodSync(dir, 0o755);
    chownSync(mail, mailAccount.uid, mailAccount.gid);
  }
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`, { mode: 0o644 });
  const config = join(dir, 'dovecot.conf');
  writeFileSync(
    config,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${internal}
default_internal_group = ${root ? 'root' : String(me.gid)}
default_login_user = ${login}
first_valid_uid = 0
first_valid_gid = 0
mail_location = maildir:${mail}/%u
${options.idle === false ? `imap_capability = ${CAPABILITIES_WITHOUT_IDLE}\n` : ''}passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailAccount.uid} gid=${mailAccount.gid} home=${mail}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
`,
  );

  let child: ChildProcess | null = null;
  const start = async () => {
    // A process group of its own: stopping it ends the open IMAP sessions too, as an outage would.
    const proc = spawn(DOVECOT_BIN, ['-F', '-c', config], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child = proc;
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`Dovecot exited (${proc.exitCode}): ${stderr}`);
      if (await greets(port)) return;
      if (Date.now() > deadline) throw new Error(`Dovecot did not answer on ${port}: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    const group = proc.pid;
    if (group) process.kill(-group, 'SIGTERM');
    await exited;
    if (group) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // Every process of the group is already gone.
      }
    }
    // The master is gone; its listener too once the port refuses.
    const deadline = Date.now() + 5_000;
    while ((await greets(port)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  };
  await start();

  const client = () =>
    new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user, pass: password },
      logger: false,
      disableAutoIdle: true,
    });

  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    async append(raw, mailbox = 'INBOX') {
      const imap = client();
      await imap.connect();
      try {
        const result = await imap.append(mailbox, raw);
        if (!result || !result.uid) throw new Error('APPEND returned no UID');
        return result.uid;
      } finally {
        await imap.logout();
      }
    },
    async appendMany(raws, mailbox = 'INBOX') {
      const imap = client();
      await imap.connect();
      try {
        for (const raw of raws) await imap.append(mailbox, raw);
      } finally {
        await imap.logout();
      }
    },
    async restart() {
      await stop();
      await start();
    },
    stop,
    start,
    async createMailbox(name) {
      const imap = client();
      await imap.connect();
      try {
        await imap.mailboxCreate(name);
      } finally {
        await imap.logout();
      }
    },
    async recreateMailbox(mailbox = 'INBOX') {
      const imap = client();
      await imap.connect();
      try {
        // INBOX cannot be deleted: its messages are expunged and a rename gives it a new UIDVALIDITY.
        if (mailbox.toUpperCase() === 'INBOX') {
          await imap.mailboxRename('INBOX', `old-${Date.now()}`);
        } else {
          await imap.mailboxDelete(mailbox);
          await imap.mailboxCreate(mailbox);
        }
      } finally {
        await imap.logout();
      }
    },
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    log() {
      try {
        return readFileSync(join(dir, 'dovecot.log'), 'utf8');
      } catch {
        return '';
      }
    },
  };
}

function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('data', (d: Buffer) => done(d.toString().startsWith('* OK')));
    socket.once('error', () => done(false));
    socket.setTimeout(1_000, () => done(false));
  });
}
