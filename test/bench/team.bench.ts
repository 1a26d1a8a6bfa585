// The team server under a team's load: BENCH_TEAM_AGENTS (50) simulated agents, each signed in as a
// real staff account over HTTP against one real team server (`npm run server`, its own process) on
// a throwaway PostgreSQL cluster, each holding its own event stream and looping
// list → open → claim → answer for BENCH_TEAM_SECONDS (60; shorter for a smoke run).
// Figures:
// - team_ops_per_s: completed calls (list, open, claim, answer) per second, all agents together;
// - team_write_p95_ms: the 95th percentile of a write's round trip (claim, answer), as the agent sees it;
// - team_double_claims: tickets two agents were told they had claimed, from the answers and again
//   from the audit log (two successful claims of one ticket): must be 0;
// - team_lost_events: for each acknowledged write, each client whose stream did not carry an event
//   naming that ticket within 1 s of the acknowledgement: must be 0.
// The server, PostgreSQL and the simulated agents share one machine, so the run also says what each
// cost per call in CPU time (team_server_cpu_ms_per_call, team_db_cpu_ms_per_call,
// team_client_cpu_ms_per_call): the figure that does not depend on what else the machine is doing.
import http from 'node:http';
import type { RunningCore } from '../../electron/core/app';
import { startTeamServer } from '../support/team-server';
import { ownCpuMs, postmasterPid, treeCpuMs } from './cpu';

const AGENTS = Number(process.env.BENCH_TEAM_AGENTS ?? 50);
const SECONDS = Number(process.env.BENCH_TEAM_SECONDS ?? 60);
/** Unclaimed tickets made before the run, so agents never run out of work to claim. */
const POOL = Number(process.env.BENCH_TEAM_TICKETS ?? 3000);
const EVENT_DEADLINE_MS = 1000;

type Result<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
interface TicketRow {
  id: number;
  assigneeId: number | null;
}

interface Write {
  ticketId: number;
  startedAt: number;
  ackedAt: number;
}

/** The answers an agent's stream carried: for each ticket, when each event naming it arrived. */
class EventStream {
  readonly seen = new Map<number, number[]>();
  private request: http.ClientRequest | null = null;
  broken: string | null = null;

  open(url: string, token: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const request = http.get(
        `${url}/api/events`,
        { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } },
        (response) => {
          if (response.statusCode !== 200) {
            reject(new Error(`the event stream answered ${response.statusCode}`));
            return;
          }
          response.setEncoding('utf8');
          let buffer = '';
          response.on('data', (chunk: string) => {
            const at = performance.now();
            buffer += chunk;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const frame = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              if (frame.startsWith(': connected')) resolve();
              const data = /^data: (.*)$/m.exec(frame)?.[1];
              if (!/^event: data\.changed$/m.test(frame) || !data) continue;
              const payload = JSON.parse(data) as { ticketIds: number[] };
              for (const id of payload.ticketIds) {
                const times = this.seen.get(id);
                if (times) times.push(at);
                else this.seen.set(id, [at]);
              }
            }
          });
          response.on('end', () => (this.broken ??= 'the server ended the stream'));
        },
      );
      request.on('error', (error) => {
        this.broken ??= error.message;
        reject(error);
      });
      this.request = request;
    });
  }

  /** Whether an event naming the ticket arrived after the write began and within the deadline of its answer. */
  saw(write: Write): boolean {
    return (this.seen.get(write.ticketId) ?? []).some(
      (at) => at >= write.startedAt && at <= write.ackedAt + EVENT_DEADLINE_MS,
    );
  }

  close(): void {
    this.request?.destroy();
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: AGENTS * 2 });

function post<T>(url: string, method: string, input: unknown, token: string | null): Promise<Result<T>> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/api/call/${method}`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(text) as Result<T>);
          } catch {
            reject(new Error(`${method}: HTTP ${response.statusCode}: ${text.slice(0, 200)}`));
          }
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** The pool: accepted e-mails from customers on paid plans, unassigned, owed a first response. */
async function makePool(running: RunningCore): Promise<void> {
  const { core, dispatcher } = running;
  const customers = await core.db
    .selectFrom('customers')
    .select('id')
    .where('plan_id', 'in', ['professional', 'enterprise', 'professional_express', 'enterprise_express'])
    .execute();
  const someone = await core.db
    .selectFrom('staff')
    .select('id')
    .where('role', '=', 'agent')
    .where('password_hash', 'is', null)
    .executeTakeFirstOrThrow();
  const session = { staffId: someone.id };
  let next = 0;
  const worker = async () => {
    while (next < POOL) {
      const i = next++;
      const customer = customers[i % customers.length];
      if (!customer) throw new Error('the demo data has no paid customers');
      const created = await dispatcher.call(session, 'tickets.create', {
        customerId: customer.id,
        channel: 'email',
        subject: `Bench question ${i + 1}`,
        body: 'How do I export my database to CSV with the filters I saved?',
      });
      if (!created.ok) throw new Error(`tickets.create: ${created.error.code} ${created.error.message}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

export async function benchTeam(): Promise<Record<string, number>> {
  const started = performance.now();
  const server = await startTeamServer({ extraAgents: AGENTS, prepare: makePool });
  console.error(
    `team bench: server ready with ${POOL} open tickets in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const streams: EventStream[] = [];
  try {
    const agents = server.roster.filter((r) => r.email.endsWith('@bench.test'));
    const signedIn = await Promise.all(
      agents.map(async (a) => {
        const result = await post<{ token: string | null }>(
          server.url,
          'session.signInWithPassword',
          { email: a.email, password: server.password, bearer: true },
          null,
        );
        if (!result.ok || !result.value.token) throw new Error(`sign-in of ${a.email} failed`);
        const stream = new EventStream();
        await stream.open(server.url, result.value.token);
        streams.push(stream);
        return { id: a.id, token: result.value.token };
      }),
    );

    const writes: Write[] = [];
    const writeMs: number[] = [];
    const claimed = new Map<number, number[]>();
    const errors = new Map<string, number>();
    let ops = 0;
    let conflicts = 0;
    let idle = 0;
    const note = (code: string) => errors.set(code, (errors.get(code) ?? 0) + 1);
    const filter = {
      statuses: ['new', 'open'],
      intakeOutcome: 'accept',
      needsFirstResponse: true,
      assignee: { kind: 'none' },
    };
    const serverPid = server.process.pid ?? Number.NaN;
    const dbPid = postmasterPid(server.cluster.dir);
    const cpuAtStart = { server: treeCpuMs(serverPid), db: treeCpuMs(dbPid), client: ownCpuMs() };
    const runStart = performance.now();
    const deadline = runStart + SECONDS * 1000;

    const loop = async (me: { id: number; token: string }) => {
      while (performance.now() < deadline) {
        const page = await post<{ rows: TicketRow[] }>(
          server.url,
          'queue.list',
          { filter, sort: { field: 'due_at', direction: 'asc' }, limit: 25 },
          me.token,
        );
        ops++;
        if (!page.ok) {
          note(`queue.list ${page.error.code}`);
          continue;
        }
        // Agents take from the top of the queue, not all the same ticket: a random one of the first page.
        const ticket = page.value.rows[Math.floor(Math.random() * page.value.rows.length)];
        if (!ticket) {
          idle++;
          continue;
        }
        const opened = await post(server.url, 'tickets.get', { id: ticket.id }, me.token);
        ops++;
        if (!opened.ok) note(`tickets.get ${opened.error.code}`);
        const claimStart = performance.now();
        const claim = await post(
          server.url,
          'tickets.assign',
          { ticketId: ticket.id, assigneeId: me.id, expectedAssigneeId: null },
          me.token,
        );
        const claimEnd = performance.now();
        ops++;
        writeMs.push(claimEnd - claimStart);
        if (!claim.ok) {
          if (claim.error.code === 'conflict') conflicts++;
          else note(`tickets.assign ${claim.error.code}`);
          continue;
        }
        writes.push({ ticketId: ticket.id, startedAt: claimStart, ackedAt: claimEnd });
        claimed.set(ticket.id, [...(claimed.get(ticket.id) ?? []), me.id]);
        const answerStart = performance.now();
        const answer = await post(
          server.url,
          'messages.add',
          { ticketId: ticket.id, kind: 'answer', body: 'Export it from the table menu: Export, then CSV.' },
          me.token,
        );
        const answerEnd = performance.now();
        ops++;
        writeMs.push(answerEnd - answerStart);
        if (!answer.ok) note(`messages.add ${answer.error.code}`);
        else writes.push({ ticketId: ticket.id, startedAt: answerStart, ackedAt: answerEnd });
      }
    };
    await Promise.all(signedIn.map(loop));
    const elapsed = (performance.now() - runStart) / 1000;
    const cpuPerCall = {
      server: (treeCpuMs(serverPid) - cpuAtStart.server) / ops,
      db: (treeCpuMs(dbPid) - cpuAtStart.db) / ops,
      client: (ownCpuMs() - cpuAtStart.client) / ops,
    };
    // The last writes' events get their full second.
    await new Promise((resolve) => setTimeout(resolve, EVENT_DEADLINE_MS + 200));

    let lostEvents = 0;
    for (const write of writes) for (const stream of streams) if (!stream.saw(write)) lostEvents++;
    const brokenStreams = streams.filter((s) => s.broken !== null).length;

    // Double claims as the agents were told, and as the database recorded them.
    const toldTwice = [...claimed.values()].filter((who) => who.length > 1).length;
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: server.databaseUrl });
    await client.connect();
    let auditedTwice = 0;
    let mismatched = 0;
    try {
      const audited = await client.query<{ entity_id: string; claims: string }>(
        `select entity_id, count(*) as claims from audit_log
          where action = 'tickets.assign' and entity = 'ticket'
            and (before::jsonb ->> 'assignee_id') is null and (after::jsonb ->> 'assignee_id') is not null
          group by entity_id having count(*) > 1`,
      );
      auditedTwice = audited.rowCount ?? 0;
      const holders = await client.query<{ id: string; assignee_id: string | null }>(
        'select id, assignee_id from tickets where id = any($1::bigint[])',
        [[...claimed.keys()]],
      );
      for (const row of holders.rows) {
        const who = claimed.get(Number(row.id)) ?? [];
        if (who.length === 1 && Number(row.assignee_id) !== who[0]) mismatched++;
      }
    } finally {
      await client.end();
    }

    console.error(
      `team bench: ${AGENTS} agents, ${elapsed.toFixed(1)} s, ${ops} calls, ${writes.length} acknowledged writes, ` +
        `${claimed.size} tickets claimed, ${conflicts} claims lost to a colleague, ${idle} empty pages, ` +
        `${brokenStreams} broken streams, errors: ${JSON.stringify(Object.fromEntries(errors))}`,
    );
    return {
      team_agents: AGENTS,
      team_ops_per_s: ops / elapsed,
      team_write_p95_ms: percentile(writeMs, 95),
      team_write_p50_ms: percentile(writeMs, 50),
      team_double_claims: Math.max(toldTwice, auditedTwice) + mismatched,
      team_lost_events: lostEvents,
      team_errors: [...errors.values()].reduce((a, b) => a + b, 0) + brokenStreams,
      team_server_cpu_ms_per_call: cpuPerCall.server,
      team_db_cpu_ms_per_call: cpuPerCall.db,
      team_client_cpu_ms_per_call: cpuPerCall.client,
    };
  } finally {
    streams.forEach((s) => s.close());
    agent.destroy();
    await server.stop();
  }
}
