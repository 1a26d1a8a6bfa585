// Phone calls: when a call may be booked, which slots are free, and the invitations it sends.
export { callableIntervals, phoneTimes, timeProblem } from './booking';
export type { PhoneTimes, TimeProblem } from './booking';
export { dayOf, formatAt, formatRange, fromTo, isoDateIn, timeOfDay } from './format';
export { buildIcs, callMail, callTitle, placeholderLink } from './invitation';
export type { CallMailKind, IcsPurpose, InvitationCall } from './invitation';
export { clashWith, findSlots, fitsOpenTime, MINUTE } from './slots';
export type { FoundSlot, Interval, SlotAgent, SlotSearch } from './slots';
