// Call times with luxon: instants are epoch ms; each is shown in a named IANA zone, so daylight
// saving is the zone database's business, never an offset guessed here.
import { DateTime } from 'luxon';

export function at(ms: number, zone: string, lang: string): DateTime {
  return DateTime.fromMillis(ms, { zone }).setLocale(lang);
}

export function hm(ms: number, zone: string, lang: string): string {
  return at(ms, zone, lang).toFormat('HH:mm');
}

/** "09:00–09:30" in a zone. */
export function range(start: number, end: number, zone: string, lang: string): string {
  return `${hm(start, zone, lang)}–${hm(end, zone, lang)}`;
}

/** The zone's short name at that instant (CET / CEST, GMT-5 …), so DST shows. */
export function zoneShort(ms: number, zone: string, lang: string): string {
  return at(ms, zone, lang).toFormat('ZZZZ');
}

export function dayKey(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISODate() ?? '';
}

export function dayLabel(ms: number, zone: string, lang: string): string {
  return at(ms, zone, lang).toLocaleString({ weekday: 'long', day: 'numeric', month: 'long' });
}

/** Full sentence-ready time: "Monday 30 November, 09:00–09:30 CET". */
export function whenLabel(start: number, end: number, zone: string, lang: string): string {
  return `${dayLabel(start, zone, lang)}, ${range(start, end, zone, lang)} ${zoneShort(start, zone, lang)}`;
}
