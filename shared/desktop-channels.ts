// The IPC channel names of the desktop bridge (shared/desktop.ts), zod-free so the sandboxed
// preload can import them without bundling a schema library.
export const NOTIFY_CHANNEL = 'desktop:notify';
export const NOTIFICATION_CLICK_CHANNEL = 'desktop:notification-click';
export const CONNECTION_CHANNEL = 'desktop:connection';
export const CONNECTION_CHANGED_CHANNEL = 'desktop:connection-changed';
export const CHOOSE_MODE_CHANNEL = 'desktop:choose-mode';
export const RETRY_CONNECTION_CHANNEL = 'desktop:retry-connection';
