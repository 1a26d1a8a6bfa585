// The team server under a team's load: BENCH_TEAM_AGENTS (50) simulated agents, each signed in as a
// real staff account over HTTP against one real team server (`npm run server`, its own process) on
// a throwaway PostgreSQL cluster, each holding its own event stream and looping
// list → open → claim → answer. After a warm-up (BENCH_TEAM_WARMUP_SECONDS, 5: the loop without
// pauses, unmeasured, as a server that has run a while has compiled its hot paths), two phases on
// the same server, one after the other:
// - paced (BENCH_TEAM_SECONDS, 60): each agent pauses before every call for a think time drawn
//   uniformly from BENCH_TEAM_THINK_MIN_MS–BENCH_TEAM_THINK_MAX_MS (500–2000 ms), from a generator
//   seeded per agent (BENCH_TEAM_SEED), so every run offers the same load. People read the list,
//   read the ticket and type the answer; 50 of them never fire calls back to back. A mean pause of
//   1.25 s makes 50 agents about 40 calls/s, still a heavy team. This is the goal's figure.
// - saturated (BENCH_TEAM_SATURATED_SECONDS, as long as the paced phase): the same loop without any
//   pause, so the server's capacity stays visible. It is a closed loop: a write's latency is then
//   about the number of agents over the throughput, whatever each call costs.
// Figures (the saturated phase's carry `saturated` in their name):
// - team_ops_per_s: completed calls (list, open, claim, answer) per second, all agents together;
// - team_write_p95_ms: the 95th percentile of a write's round trip (claim, answer), as the agent
//   sees it (the goal is at most 50 ms), with team_write_p50_ms;
// - team_double_claims: tickets two agents were told they had claimed, from the answers and again
//   from the audit log (two successful claims of one ticket), over both phases: must be 0;
// - team_lost_events: for each acknowledged write of either phase, each client whose stream did not
//   carry an event naming that ticket within 1 s of the acknowledgement: must be 0.
// The server, PostgreSQL and the simulated agents share one machine, so each phase also says what
// each cost per call in CPU time (team_server_cpu_ms_per_call, team_db_cpu_ms_per_call,
// team_client_cpu_ms_per_call): the figure that does not depend on what else the machine is doing.
// The saturated phase's CPU per call is the comparable one across runs: the paced phase's also
// carries the idle server's and database's background work, spread over fewer calls.
// BENCH_TEAM_CPU_PROF=DIR runs the server with `node --cpu-prof` (a .cpuprofile in DIR at its end).
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningCore } from '../../electron/core/app';
import { mulberry32 } from '../../electron/core/demo/random';
import { rendererFolder } from '../support/serve';
import { startTeamServer } from '../support/team-server';
import { ownCpuMs, postmasterPid, treeCpuMs } from './cpu';

const AGENTS = Number(process.env.BENCH_TEAM_AGENTS ?? 50);
const SECONDS = Number(process.env.BENCH_TEAM_SECONDS ?? 60);
const SATURATED_SECONDS = Number(process.env.BENCH_TEAM_SATURATED_SECONDS ?? SECONDS);
const WARMUP_SECONDS = Number(process.env.BENCH_TEAM_WARMUP_SECONDS ?? 5);
const THINK_MIN_MS = Number(process.env.BENCH_TEAM_THINK_MIN_MS ?? 500);
const THINK_MAX_MS = Number(process.env.BENCH_TEAM_THINK_MAX_MS ?? 2000);
const SEED = Number(process.env.BENCH_TEAM_SEED ?? 1);
/**
 * Unclaimed tickets made before the run, so agents never run out of work to claim: the saturated
 * phase claims at most about 30 a second on a loaded 2-core machine, the paced one about 10.
 */
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
  // The API only: a stand-in renderer, so the bench runs without a build.
  const staticDir = rendererFolder(mkdtempSync(join(tmpdir(), 'sc-team-bench-')));
  const profile = process.env.BENCH_TEAM_CPU_PROF;
  const server = await startTeamServer({
    extraAgents: AGENTS,
    prepare: makePool,
    staticDir,
    nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
  });
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
    const claimed = new Map<number, number[]>();
    const errors = new Map<string, number>();
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

    /** One phase: every agent loops until the deadline, pausing before each call if `think` says so. */
    const runPhase = async (seconds: number, think: ((agent: number) => number) | null) => {
      const writeMs: number[] = [];
      let ops = 0;
      const cpuAtStart = { server: treeCpuMs(serverPid), db: treeCpuMs(dbPid), client: ownCpuMs() };
      const runStart = performance.now();
      const deadline = runStart + seconds * 1000;
      /** Waits the agent's think time; false once the phase is over. */
      const pause = async (agent: number): Promise<boolean> => {
        if (think) await new Promise((resolve) => setTimeout(resolve, think(agent)));
        return performance.now() < deadline;
      };

      const loop = async (me: { id: number; token: string }, agent: number, pick: () => number) => {
        while (await pause(agent)) {
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
          // Agents take from the top of the queue, not all the same ticket: one of the first page.
          const ticket = page.value.rows[Math.floor(pick() * page.value.rows.length)];
          if (!ticket) {
            idle++;
            continue;
          }
          if (!(await pause(agent))) break;
          const opened = await post(server.url, 'tickets.get', { id: ticket.id }, me.token);
          ops++;
          if (!opened.ok) note(`tickets.get ${opened.error.code}`);
          if (!(await pause(agent))) break;
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
          // The answer is typed whether or not the phase ends meanwhile: a claimed ticket is answered.
          await pause(agent);
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
      await Promise.all(
        signedIn.map((me, agent) => {
          // Each agent's own sequence: the same picks whatever the others do.
          const random = mulberry32(SEED * 1000 + agent);
          return loop(me, agent, random);
        }),
      );
      const elapsed = (performance.now() - runStart) / 1000;
      return {
        ops,
        elapsed,
        writeMs,
        cpuPerCall: {
          server: (treeCpuMs(serverPid) - cpuAtStart.server) / ops,
          db: (treeCpuMs(dbPid) - cpuAtStart.db) / ops,
          client: (ownCpuMs() - cpuAtStart.client) / ops,
        },
      };
    };

    // A running team server has compiled its hot paths long ago: a freshly started one is warmed
    // first, by the same loop without pauses, unmeasured (its writes are checked with the others).
    await runPhase(WARMUP_SECONDS, null);
    const thinking = signedIn.map((_, agent) => mulberry32(SEED * 1000 + 500 + agent));
    const paced = await runPhase(SECONDS, (agent) => {
      const random = thinking[agent] ?? Math.random;
      return THINK_MIN_MS + random() * (THINK_MAX_MS - THINK_MIN_MS);
    });
    console.error(
      `team bench: paced phase, ${paced.ops} calls in ${paced.elapsed.toFixed(1)} s (load average ${loadAverage()})`,
    );
    const saturated = await runPhase(SATURATED_SECONDS, null);
    console.error(
      `team bench: saturated phase, ${saturated.ops} calls in ${saturated.elapsed.toFixed(1)} s (load average ${loadAverage()})`,
    );
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
      `team bench: ${AGENTS} agents, ${writes.length} acknowledged writes, ` +
        `${claimed.size} tickets claimed, ${conflicts} claims lost to a colleague, ${idle} empty pages, ` +
        `${brokenStreams} broken streams, errors: ${JSON.stringify(Object.fromEntries(errors))}`,
    );
    return {
      team_agents: AGENTS,
      team_think_min_ms: THINK_MIN_MS,
      team_think_max_ms: THINK_MAX_MS,
      team_ops_per_s: paced.ops / paced.elapsed,
      team_write_p95_ms: percentile(paced.writeMs, 95),
      team_write_p50_ms: percentile(paced.writeMs, 50),
      team_server_cpu_ms_per_call: paced.cpuPerCall.server,
      team_db_cpu_ms_per_call: paced.cpuPerCall.db,
      team_client_cpu_ms_per_call: paced.cpuPerCall.client,
      team_saturated_ops_per_s: saturated.ops / saturated.elapsed,
      team_saturated_write_p95_ms: percentile(saturated.writeMs, 95),
      team_saturated_write_p50_ms: percentile(saturated.writeMs, 50),
      team_saturated_server_cpu_ms_per_call: saturated.cpuPerCall.server,
      team_saturated_db_cpu_ms_per_call: saturated.cpuPerCall.db,
      team_saturated_client_cpu_ms_per_call: saturated.cpuPerCall.client,
      team_double_claims: Math.max(toldTwice, auditedTwice) + mismatched,
      team_lost_events: lostEvents,
      team_errors: [...errors.values()].reduce((a, b) => a + b, 0) + brokenStreams,
    };
  } finally {
    streams.forEach((s) => s.close());
    agent.destroy();
    await server.stop();
    rmSync(staticDir, { recursive: true, force: true });
  }
}

function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
}
