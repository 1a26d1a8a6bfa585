/** A calendar spec that does not validate, or a question the calendar cannot answer. */
export class CalendarError extends Error {
  override readonly name = 'CalendarError';
}
