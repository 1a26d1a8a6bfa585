// Chooses how the renderer talks to the core: inside Electron the preload has put `window.api` on
// the page; anywhere else (serve mode in a browser) the same ClientApi is built over HTTP.
import type { ClientApi } from '../../../shared/contract';
import { watchSessionEnds } from './session-ends';
import { createWebClient, loadContract } from './web-client';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    api?: ClientApi;
  }
}

export type TransportKind = 'electron' | 'web';

const SESSION_KEY = 'support-console.session';

/**
 * The server keys sign-in by this id. Keeping it for the tab's lifetime means a reload stays signed
 * in, while a second tab is a second person at the desk.
 */
function sessionId(): string {
  try {
    const existing = sessionStorage.getItem(SESSION_KEY);
    if (existing && /^[\w-]{8,64}$/.test(existing)) return existing;
    const fresh = crypto.randomUUID();
    sessionStorage.setItem(SESSION_KEY, fresh);
    return fresh;
  } catch {
    return crypto.randomUUID();
  }
}

function choose(): { api: ClientApi; kind: TransportKind } {
  if (window.api) return { api: window.api, kind: 'electron' };
  const token = new URLSearchParams(window.location.search).get('token');
  return { api: createWebClient({ token, sessionId: sessionId() }), kind: 'web' };
}

const chosen = choose();

export const api: ClientApi = watchSessionEnds(chosen.api);
export const transportKind: TransportKind = chosen.kind;

/**
 * Gets ready to read events: over HTTP their shapes are checked against the contract's schemas,
 * which the first page does not load (zod and every schema cost more than the first rows). Called
 * once the first rows are shown. Inside Electron the preload checks them: nothing to do.
 */
export function prepareEvents(): void {
  if (chosen.kind === 'web') void loadContract();
}
export { SESSION_KEY };
export { onSessionEnded } from './session-ends';
