// Libraries bundled into the main process's build instead of loaded from node_modules at run time:
// pure JavaScript spread over hundreds of small modules (Kysely about 260, zod about 100), which
// Node would otherwise resolve and load one file at a time at every start. The rest stay external:
// native addons (better-sqlite3) and libraries loaded only when needed (pg, imapflow, mailparser,
// nodemailer). electron.vite.config.ts builds the desktop app with this list, and the queue-ui
// bench builds the serve process it starts with the same one.
export const BUNDLED_DEPS: string[] = ['kysely', 'zod'];
