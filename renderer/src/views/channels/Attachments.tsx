// A mail's attachments: listed with their size, each downloaded through the contract (its bytes in
// base64), so it works the same over Electron's IPC, serve mode and the team server.
import { useState } from 'react';
import type { ApiErrorShape } from '../../../../shared/contract';
import type { MailAttachmentInfo } from '../../../../shared/mail-in';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';
import { api } from '../../transport';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function AttachmentList({ attachments }: { attachments: MailAttachmentInfo[] }) {
  const t = useT();
  const [error, setError] = useState<ApiErrorShape | null>(null);
  if (attachments.length === 0) return null;

  async function download(a: MailAttachmentInfo) {
    setError(null);
    const result = await api['mail.attachment']({ id: a.id });
    if (!result.ok) return setError(result.error);
    const bytes = Uint8Array.from(atob(result.value.base64), (c) => c.charCodeAt(0));
    // Always offered as a file to save, never opened in the console's window.
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = result.value.filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <div className="attachments">
      <ul aria-label={t('mailIn.attachments')}>
        {attachments.map((a) => (
          <li key={a.id}>
            <button type="button" className="link-button" onClick={() => void download(a)}>
              {t('mailIn.download', { name: a.filename })}
            </button>{' '}
            <span className="muted small">
              {a.contentType} · {formatBytes(a.size)}
            </span>
          </li>
        ))}
      </ul>
      {error && <ErrorNote error={error} compact />}
    </div>
  );
}
