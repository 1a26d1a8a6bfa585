// CSV export of the review's tables: the core writes the file (sla.csv), the page saves it the way
// the calls area saves an invitation (a Blob behind a temporary download link).
import type { ApiErrorShape } from '../../../../shared/contract';
import { api } from '../../transport';
import type { DrillCell, ReviewQuery } from './reviewDrill';

export type CsvTable = 'channel' | 'plan' | 'agent' | 'weekly' | 'heatmap' | 'tickets';

function save(file: { filename: string; contentType: string; text: string }): void {
  const blob = new Blob([file.text], { type: `${file.contentType};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Asks the core for the table and saves it; the error, when it fails. */
export async function downloadCsv(
  table: CsvTable,
  query: ReviewQuery,
  cell?: DrillCell,
): Promise<ApiErrorShape | null> {
  const result = await api['sla.csv']({ table, ...query, ...cell });
  if (!result.ok) return result.error;
  save(result.value);
  return null;
}
