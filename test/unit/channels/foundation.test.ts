import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessageIds, newMessageId } from '../../../electron/core/channels/message-id';
import {
  ephemeralSecretBox,
  keyFileSecretBox,
  SecretBoxError,
} from '../../../electron/core/channels/secret-box';
import { findTicketToken, withTicketToken } from '../../../electron/core/channels/thread-token';

describe('secret box', () => {
  it('seals so the database never holds the plain text, and opens with the same key file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sc-key-')), 'db.sqlite.key');
    const box = keyFileSecretBox(file);
    const sealed = box.seal('hunter2 é');
    expect(sealed).not.toContain('hunter2');
    expect(keyFileSecretBox(file).open(sealed)).toBe('hunter2 é');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toHaveLength(44);
  });

  it('refuses a secret sealed under another key, or tampered with, naming the problem', () => {
    const sealed = ephemeralSecretBox().seal('x');
    expect(() => ephemeralSecretBox().open(sealed)).toThrow(SecretBoxError);
    expect(() => ephemeralSecretBox().open('plain text')).toThrow(/not in the sealed form/);
  });
});

describe('thread token and message ids', () => {
  it.each([
    ['Help', 12, 'Help [Ticket#12]'],
    ['Re: Help [Ticket#12]', 12, 'Re: Help [Ticket#12]'],
  ])('adds the token once: %s', (subject, id, expected) => {
    expect(withTicketToken(subject, id)).toBe(expected);
  });

  it.each([
    ['Fwd: Re: Help [ticket#1937]', 1937],
    ['Help #1937', null],
    ['[Ticket#abc]', null],
  ])('finds the token in %s', (subject, expected) => {
    expect(findTicketToken(subject)).toBe(expected);
  });

  it('parses the ids of a References header and makes unique ones', () => {
    expect(parseMessageIds(' <a@x> <b@y>\r\n <c@z>')).toEqual(['<a@x>', '<b@y>', '<c@z>']);
    expect(newMessageId('example.com')).toMatch(/^<[0-9a-f-]{36}@example\.com>$/);
    expect(newMessageId()).not.toBe(newMessageId());
  });
});
