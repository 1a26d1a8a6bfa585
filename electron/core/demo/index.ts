// Demo data for first start and for `npm run seed`.
export { isEmpty, seedDemo } from './generate';
export type { SeedOptions, SeedProgress, SeedSummary } from './generate';

/** What the app seeds into an empty database on first start: small enough to start in a second or two. */
export const DEMO_DEFAULTS = { customers: 200, tickets: 2000, seed: 1 } as const;
