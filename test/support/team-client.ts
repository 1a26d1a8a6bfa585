// One person's client of a team server, as a programmatic client (the desktop's relay) is: signed in
// with e-mail and password, calls with its Bearer token, and an event stream of its own, whose
// events are kept with the time they arrived.
import http from 'node:http';

export type CallResult<T = unknown> =
  { ok: true; value: T } | { ok: false; error: { code: string; message: string; field?: string } };

export interface Heard {
  at: number;
  event: string;
  payload: { topics?: string[]; ticketIds?: number[] } & Record<string, unknown>;
}

export class TeamClient {
  token: string | null = null;
  readonly heard: Heard[] = [];
  private stream: http.ClientRequest | null = null;

  constructor(public baseUrl: string) {}

  /** POSTs one contract call; the HTTP status travels with the answer. */
  async raw<T = unknown>(
    method: string,
    input: unknown = {},
  ): Promise<{ status: number; result: CallResult<T> }> {
    const response = await fetch(`${this.baseUrl}/api/call/${method}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify(input),
    });
    return { status: response.status, result: (await response.json()) as CallResult<T> };
  }

  async call<T = unknown>(method: string, input: unknown = {}): Promise<CallResult<T>> {
    return (await this.raw<T>(method, input)).result;
  }

  async ok<T = unknown>(method: string, input: unknown = {}): Promise<T> {
    const result = await this.call<T>(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  async signIn(email: string, password: string): Promise<{ id: number; name: string; role: string }> {
    const value = await this.ok<{ token: string | null; staff: { id: number; name: string; role: string } }>(
      'session.signInWithPassword',
      { email, password, bearer: true },
    );
    this.token = value.token;
    return value.staff;
  }

  /** Opens the event stream; resolves once the server said it is connected. */
  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const request = http.get(
        `${this.baseUrl}/api/events`,
        { headers: { authorization: `Bearer ${this.token ?? ''}`, accept: 'text/event-stream' } },
        (response) => {
          if (response.statusCode !== 200) return reject(new Error(`events: HTTP ${response.statusCode}`));
          response.setEncoding('utf8');
          let buffer = '';
          response.on('data', (chunk: string) => {
            buffer += chunk;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const frame = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              if (frame.startsWith(': connected')) resolve();
              const event = /^event: (.*)$/m.exec(frame)?.[1];
              const data = /^data: (.*)$/m.exec(frame)?.[1];
              if (event && data) {
                this.heard.push({ at: Date.now(), event, payload: JSON.parse(data) as Heard['payload'] });
              }
            }
          });
        },
      );
      request.on('error', (error) => reject(error));
      this.stream = request;
    });
  }

  /** Whether a data.changed naming the ticket arrived at or after `since`. */
  heardTicket(ticketId: number, since: number): Heard | undefined {
    return this.heard.find(
      (h) => h.at >= since && h.event === 'data.changed' && (h.payload.ticketIds ?? []).includes(ticketId),
    );
  }

  close(): void {
    this.stream?.destroy();
    this.stream = null;
  }
}
