// Saves a file the core wrote (a .ics invitation, a CSV table) on the person's machine: a Blob
// behind a temporary download link, which Electron turns into its save dialog and a browser into
// a download.
export interface FileFromCore {
  filename: string;
  contentType: string;
  text: string;
}

export function saveFile(file: FileFromCore): void {
  const blob = new Blob([file.text], { type: `${file.contentType};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a moment later: the download has to start from the URL first.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
