// Desktop notifications, wherever the console runs: in the app through the preload's bridge
// (Electron's Notification, shown by the main process), in a browser through the web Notification
// API, which needs the person's permission, asked for only when they switch notifications on.
import type { DesktopBridge, DesktopNotification } from '../../../shared/desktop';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    desktop?: DesktopBridge;
  }
}

/** 'unsupported': no way to notify here; 'blocked': the person refused it in the browser. */
export type NotifyPermission = 'granted' | 'default' | 'blocked' | 'unsupported';

function webNotifications(): typeof Notification | null {
  return typeof window !== 'undefined' && 'Notification' in window ? window.Notification : null;
}

export function notifyPermission(): NotifyPermission {
  if (window.desktop) return 'granted';
  const web = webNotifications();
  if (!web) return 'unsupported';
  return web.permission === 'denied' ? 'blocked' : web.permission;
}

/** Asks the browser (once, from a click) whether the console may notify. */
export async function requestNotifyPermission(): Promise<NotifyPermission> {
  const web = webNotifications();
  if (window.desktop || !web) return notifyPermission();
  await web.requestPermission();
  return notifyPermission();
}

type ClickListener = (ticketId: number | null) => void;
const clickListeners = new Set<ClickListener>();

/** Hears clicks on the notifications this window showed. */
export function onNotificationClick(listener: ClickListener): () => void {
  clickListeners.add(listener);
  const unsubscribeDesktop = window.desktop?.onNotificationClick(listener);
  return () => {
    clickListeners.delete(listener);
    unsubscribeDesktop?.();
  };
}

/** Shows it, or does nothing when this system cannot or the person has not allowed it. */
export async function showNotification(notification: DesktopNotification): Promise<boolean> {
  if (window.desktop) return (await window.desktop.notify(notification)).ok;
  const web = webNotifications();
  if (!web || web.permission !== 'granted') return false;
  const shown = new web(notification.title, { body: notification.body, tag: notification.tag });
  shown.onclick = () => {
    window.focus();
    for (const listener of clickListeners) listener(notification.ticketId);
    shown.close();
  };
  return true;
}
