// The address a person types for their team server, read the way they mean it: "support.example.com"
// is https://support.example.com, a serve-mode address keeps its access token (?token=…), and
// anything that would send passwords in clear text over a network is refused. Plain http is
// accepted only for this machine (a team server or serve mode on 127.0.0.1).
import { isIP } from 'node:net';

export interface TeamServerAddress {
  /** Where the API lives: scheme, host, port and any path prefix (a reverse proxy's), no slash at the end. */
  base: string;
  /** Serve mode's per-run access token, when the address carried one; a secret, kept sealed. */
  accessToken: string | null;
}

export type AddressProblem = 'empty' | 'invalid_url' | 'insecure_url';

export class AddressError extends Error {
  override name = 'AddressError';
  constructor(
    readonly code: AddressProblem,
    message: string,
  ) {
    super(message);
  }
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,200}$/;

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

export function parseTeamServerAddress(typed: string): TeamServerAddress {
  const text = typed.trim();
  if (text === '') throw new AddressError('empty', 'Type the address of your team server.');
  if (text.length > 2000) throw new AddressError('invalid_url', 'This address is too long.');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new AddressError('invalid_url', `"${text}" is not a web address.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AddressError('invalid_url', `A team server is reached over https, not ${url.protocol}.`);
  if (url.username !== '' || url.password !== '')
    throw new AddressError(
      'invalid_url',
      'Leave the user name and password out of the address: you sign in next.',
    );
  if (url.hostname === '') throw new AddressError('invalid_url', `"${text}" names no server.`);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
    throw new AddressError(
      'insecure_url',
      'Only an https address protects your password on the network; plain http is accepted for this computer only.',
    );
  const token = url.searchParams.get('token');
  if (token !== null && !TOKEN_PATTERN.test(token))
    throw new AddressError('invalid_url', 'The access token in this address is malformed.');
  const path = url.pathname.replace(/\/+$/, '');
  return { base: `${url.origin}${path}`, accessToken: token };
}
