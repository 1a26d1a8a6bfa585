// What the desktop shell does for the renderer beside the contract: show a native notification
// (Electron's Notification) and say when the person clicked it; and where the app works, on this
// computer or with a team server, with the state of the link to that server. The renderer decides
// what to announce and words everything (it knows the person's language and zone); the main process
// only acts, after checking the sender and these schemas. In a browser (serve mode) the web
// Notification API does the notifications, and there is no choice to make.
import { z } from 'zod';
import { id } from './domain';

export {
  CONNECTION_CHANGED_CHANNEL,
  CONNECTION_CHANNEL,
  CHOOSE_MODE_CHANNEL,
  NOTIFICATION_CLICK_CHANNEL,
  NOTIFY_CHANNEL,
  RETRY_CONNECTION_CHANNEL,
} from './desktop-channels';

export const desktopNotification = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(200),
    body: z.string().max(1000),
    /** Notifications with one tag replace each other (two windows of one person show one). */
    tag: z.string().max(200),
    /** The ticket a click opens; null for a summary that opens nothing in particular. */
    ticketId: id.nullable(),
  })
  .strict();
export type DesktopNotification = z.infer<typeof desktopNotification>;

export type NotifyResult = { ok: true } | { ok: false; error: { code: string; message: string } };

// ---------------------------------------------------------------------------------------------
// Where the app works: this computer (SQLite) or a team server, and the link to that server

/** Why the link to the team server is down; `detail` is the technical cause, shown small. */
export const linkProblemCodes = ['unreachable', 'refused', 'not_a_console', 'server_error'] as const;
export const linkProblem = z.object({ code: z.enum(linkProblemCodes), detail: z.string() }).strict();
export type LinkProblem = z.infer<typeof linkProblem>;

export const linkState = z
  .object({
    status: z.enum(['connecting', 'online', 'offline']),
    /** When the link entered this status (epoch ms). */
    since: z.number(),
    /** Failed attempts in a row. */
    attempt: z.number().int().min(0),
    /** When the next attempt starts (epoch ms), while offline. */
    retryAt: z.number().nullable(),
    problem: linkProblem.nullable(),
  })
  .strict();
export type LinkState = z.infer<typeof linkState>;

/** Why the choice could not be made or kept: the renderer words each code. */
export const choiceProblemCodes = [
  'empty',
  'invalid_url',
  'insecure_url',
  'unreachable',
  'not_a_console',
  'token_refused',
  'server_error',
  'local_failed',
  'settings_unreadable',
] as const;
export const choiceProblem = z.object({ code: z.enum(choiceProblemCodes), detail: z.string() }).strict();
export type ChoiceProblem = z.infer<typeof choiceProblem>;

export const connectionState = z.discriminatedUnion('mode', [
  /** First run (or after "Change"): the person chooses. `problem` says why an earlier choice failed. */
  z.object({ mode: z.literal('unchosen'), problem: choiceProblem.nullable() }).strict(),
  z.object({ mode: z.literal('local') }).strict(),
  z
    .object({
      mode: z.literal('team'),
      /** The server's address as the person can read it (no token). */
      server: z.string(),
      link: linkState,
      /** Whether the session survives a restart (the system keystore is available). */
      sessionKept: z.boolean(),
    })
    .strict(),
]);
export type ConnectionState = z.infer<typeof connectionState>;

export const modeChoice = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('local') }).strict(),
  z.object({ mode: z.literal('team'), address: z.string().max(2000) }).strict(),
  /** Back to the first-run choice (sign out of the team server, leave the local database as it is). */
  z.object({ mode: z.literal('unchosen') }).strict(),
]);
export type ModeChoice = z.infer<typeof modeChoice>;

export type ChooseResult =
  | { ok: true; state: ConnectionState }
  | { ok: false; error: { code: ChoiceProblem['code'] | 'forbidden' | 'invalid_input'; message: string } };

/** What the preload puts on `window.desktop`. */
export interface DesktopBridge {
  notify(notification: DesktopNotification): Promise<NotifyResult>;
  /** Called with the notification's ticket when the person clicks it; returns the unsubscribe. */
  onNotificationClick(listener: (ticketId: number | null) => void): () => void;
  /** Where the app works now, and the link's health in team mode. */
  connection(): Promise<ConnectionState>;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  /** Chooses (or changes) where the app works; the page reloads on success. */
  chooseMode(choice: ModeChoice): Promise<ChooseResult>;
  /** Tries the team server again now rather than at the next scheduled attempt. */
  retryConnection(): Promise<void>;
}
