// The one thing the desktop shell does for the renderer beside the contract: show a native
// notification (Electron's Notification) and say when the person clicked it. The renderer decides
// what to announce and words it (it knows the person's language and zone); the main process only
// shows it, after checking the sender and this schema. In a browser (serve mode) the web
// Notification API does the same job.
import { z } from 'zod';
import { id } from './domain';

export { NOTIFICATION_CLICK_CHANNEL, NOTIFY_CHANNEL } from './desktop-channels';

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

/** What the preload puts on `window.desktop`. */
export interface DesktopBridge {
  notify(notification: DesktopNotification): Promise<NotifyResult>;
  /** Called with the notification's ticket when the person clicks it; returns the unsubscribe. */
  onNotificationClick(listener: (ticketId: number | null) => void): () => void;
}
