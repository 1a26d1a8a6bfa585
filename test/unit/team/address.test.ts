// What a person types as their team server's address, read the way they mean it.
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../electron/team/backoff';
import { AddressError, parseTeamServerAddress } from '../../../electron/team/server-url';
import { createEventParser, type ServerSentEvent } from '../../../electron/team/sse';

describe('parseTeamServerAddress', () => {
  it.each([
    ['support.example.com', 'https://support.example.com', null],
    ['  https://support.example.com/  ', 'https://support.example.com', null],
    ['https://example.com/console/', 'https://example.com/console', null],
    ['https://example.com:8443', 'https://example.com:8443', null],
    ['http://127.0.0.1:5180/?token=abcdefghijklmnop0123', 'http://127.0.0.1:5180', 'abcdefghijklmnop0123'],
    ['http://localhost:5180/#/queue', 'http://localhost:5180', null],
    ['http://[::1]:8080', 'http://[::1]:8080', null],
  ])('reads %j as %s', (typed, base, token) => {
    expect(parseTeamServerAddress(typed)).toEqual({ base, accessToken: token });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['http://support.example.com', 'insecure_url'],
    ['http://192.168.1.10:5180', 'insecure_url'],
    ['ftp://example.com', 'invalid_url'],
    ['javascript:alert(1)', 'invalid_url'],
    ['https://bob:secret@example.com', 'invalid_url'],
    ['https://exa mple.com', 'invalid_url'],
    ['http://127.0.0.1:5180/?token=short', 'invalid_url'],
  ])('refuses %j (%s)', (typed, code) => {
    let caught: unknown;
    try {
      parseTeamServerAddress(typed);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AddressError);
    expect((caught as AddressError).code).toBe(code);
  });
});

describe('backoffDelay', () => {
  const options = { baseMs: 1000, maxMs: 30_000, jitter: 0.4 };
  it.each([
    [0, 0.5, 1000],
    [1, 0.5, 2000],
    [2, 0.5, 4000],
    [4, 0.5, 16_000],
    [5, 0.5, 30_000],
    [50, 0.5, 30_000],
    [0, 0, 800],
    [0, 1, 1200],
    [10, 1, 30_000],
  ])('retry %i with random %f waits %i ms', (attempt, random, delay) => {
    expect(backoffDelay(attempt, options, () => random)).toBe(delay);
  });
});

describe('the event stream parser', () => {
  const stream =
    ': connected\n\nevent: data.changed\ndata: {"topics":["tickets"],\ndata: "ticketIds":[1]}\n\n: ping\r\n\r\nevent: sla.warning\r\ndata:{"a":1}\r\n\r\ndata: plain\n\n';
  const expected: ServerSentEvent[] = [
    { event: 'data.changed', data: '{"topics":["tickets"],\n"ticketIds":[1]}' },
    { event: 'sla.warning', data: '{"a":1}' },
    { event: 'message', data: 'plain' },
  ];

  it.each([1, 2, 3, 7, 1000])('gives the same events whatever the chunking (%i characters)', (size) => {
    const seen: ServerSentEvent[] = [];
    const feed = createEventParser((event) => seen.push(event));
    for (let i = 0; i < stream.length; i += size) feed(stream.slice(i, i + size));
    expect(seen).toEqual(expected);
  });
});
