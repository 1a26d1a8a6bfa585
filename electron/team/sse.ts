// A server-sent events reader for Node (the main process has no EventSource): one GET, read as a
// stream, split into events by the format's rules. It does not reconnect by itself: the relay
// decides when to try again, so it can say so on screen and back off.

export interface ServerSentEvent {
  event: string;
  data: string;
}

export interface EventStreamOptions {
  url: string;
  headers: Record<string, string>;
  fetch?: typeof fetch;
  /** Aborting closes the stream. */
  signal: AbortSignal;
  /** Called once the server has accepted the stream (status 200, text/event-stream). */
  onOpen(): void;
  onEvent(event: ServerSentEvent): void;
  /**
   * How long the stream may stay silent before it is taken for dead (the server sends a comment
   * every 25 s; a half-open connection after a network change sends nothing, ever).
   */
  idleTimeoutMs: number;
}

/** Why a stream could not be opened, or ended. */
export class EventStreamError extends Error {
  override name = 'EventStreamError';
  constructor(
    message: string,
    /** The HTTP status when the server answered, null when it could not be reached. */
    readonly status: number | null,
  ) {
    super(message);
  }
}

/**
 * Parses the text/event-stream format incrementally. Feed it decoded text in any chunking; it calls
 * `emit` once per complete event.
 */
export function createEventParser(emit: (event: ServerSentEvent) => void): (chunk: string) => void {
  let buffer = '';
  let eventName = '';
  let data: string[] = [];
  return (chunk) => {
    buffer += chunk;
    // A lone \r at the end may be the first half of \r\n: wait for the next chunk.
    const lines = buffer.split(/\r\n|\n|\r(?!$)/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) emit({ event: eventName || 'message', data: data.join('\n') });
        eventName = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') eventName = value;
      else if (field === 'data') data.push(value);
    }
  };
}

/**
 * Opens the stream and reads it until it ends. Resolves when the caller aborts; rejects with an
 * EventStreamError when the server refuses, cannot be reached, goes silent or closes the stream.
 */
export async function readEventStream(options: EventStreamOptions): Promise<void> {
  const doFetch = options.fetch ?? fetch;
  const local = new AbortController();
  const abort = () => local.abort();
  options.signal.addEventListener('abort', abort, { once: true });
  let idle: NodeJS.Timeout | undefined;
  let timedOut = false;
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      timedOut = true;
      local.abort();
    }, options.idleTimeoutMs);
  };
  try {
    armIdle();
    let response: Response;
    try {
      response = await doFetch(options.url, {
        headers: { accept: 'text/event-stream', ...options.headers },
        signal: local.signal,
        redirect: 'error',
      });
    } catch (error) {
      if (options.signal.aborted) return;
      throw new EventStreamError(timedOut ? 'The server did not answer.' : describeNetworkError(error), null);
    }
    if (
      response.status !== 200 ||
      !(response.headers.get('content-type') ?? '').startsWith('text/event-stream')
    ) {
      await response.body?.cancel().catch(() => undefined);
      throw new EventStreamError(
        `The server answered ${response.status} to the event stream.`,
        response.status,
      );
    }
    if (!response.body) throw new EventStreamError('The event stream has no body.', response.status);
    options.onOpen();
    const parse = createEventParser(options.onEvent);
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (;;) {
        armIdle();
        const { done, value } = await reader.read();
        if (done) break;
        parse(decoder.decode(value, { stream: true }));
      }
    } catch (error) {
      if (options.signal.aborted) return;
      throw new EventStreamError(
        timedOut ? 'The event stream went silent.' : describeNetworkError(error),
        response.status,
      );
    }
    if (options.signal.aborted) return;
    throw new EventStreamError('The server closed the event stream.', response.status);
  } finally {
    clearTimeout(idle);
    options.signal.removeEventListener('abort', abort);
  }
}

/** One line a person can act on, from fetch's nested network errors (ECONNREFUSED, ENOTFOUND, TLS). */
export function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  const message =
    typeof cause?.message === 'string'
      ? cause.message
      : error instanceof Error
        ? error.message
        : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
