// CSV export of the review's tables: the core writes the file (sla.csv), the page saves it.
import type { ApiErrorShape } from '../../../../shared/contract';
import { api } from '../../transport';
import { saveFile } from '../../transport/saveFile';
import type { DrillCell, ReviewQuery } from './reviewDrill';

export type CsvTable = 'channel' | 'plan' | 'agent' | 'weekly' | 'heatmap' | 'tickets';

/** Asks the core for the table and saves it; the error, when it fails. */
export async function downloadCsv(
  table: CsvTable,
  query: ReviewQuery,
  cell?: DrillCell,
): Promise<ApiErrorShape | null> {
  const result = await api['sla.csv']({ table, ...query, ...cell });
  if (!result.ok) return result.error;
  saveFile(result.value);
  return null;
}
