/**
 * Hands `data` to the browser as a JSON file download named `fileName`: the
 * data is already in memory, so a blob URL saves it without asking the
 * backend twice.
 */
export function saveJsonFile(fileName: string, data: unknown): void {
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], {
    type: 'application/json',
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking within the click handler cancels the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
