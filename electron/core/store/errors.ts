// Failures of the store itself, in words for the person who acted, whatever the dialect.

/**
 * The disk (or the database's size limit) is full: the write was rolled back whole, and nothing
 * will be saved until space is freed. Each dialect turns its own signal into this one (SQLite:
 * SQLITE_FULL; the operating system: ENOSPC).
 */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
  constructor(options?: { cause?: unknown }) {
    super(
      'The disk that holds the database is full, so nothing was saved. Free some space on it, then try again.',
      options,
    );
  }
}

/** Whether an error from a driver or the file system means "no space left". */
export function isNoSpaceLeft(error: unknown): boolean {
  if (error instanceof StorageFullError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}
