// Where the desktop app works (the first-run choice) and the link to a team server (the banner).
// Spread into the reference dictionary like calls.en.ts.
import type { Msg } from './en';

export const connectionEn = {
  'firstRun.title': 'Where will you work?',
  'firstRun.intro':
    'Support Console can keep its data on this computer, for one person, or connect to your team’s server, where everyone works one queue.',
  'firstRun.local': 'On this computer',
  'firstRun.localHint': 'One person, one database on this computer. Works without a network.',
  'firstRun.team': 'Connect to a team server',
  'firstRun.teamHint': 'Your team’s shared queue, live. Your lead gives you the address; you sign in next.',
  'firstRun.address': 'Server address',
  'firstRun.addressHint': 'For example support.example.com, or the address serve mode printed.',
  'firstRun.continue': 'Continue',
  'firstRun.checking': 'Checking the server…',
  'firstRun.opening': 'Opening the database…',
  'firstRun.problem.empty': 'Type the address of your team server.',
  'firstRun.problem.invalid_url': 'This is not a web address.',
  'firstRun.problem.insecure_url':
    'Use an https address: plain http would send your password unprotected. It is accepted only for a server on this computer.',
  'firstRun.problem.unreachable': 'The server cannot be reached. Check the address and your network.',
  'firstRun.problem.not_a_console':
    'Something answers at this address, but it is not a Support Console server.',
  'firstRun.problem.token_refused': 'The server asks for its access token.',
  'firstRun.problem.server_error':
    'The server failed to answer. Try again in a moment, or tell whoever runs it.',
  'firstRun.problem.local_failed': 'The database on this computer could not be opened.',
  'firstRun.problem.settings_unreadable': 'The choice saved earlier could not be read: choose again.',
  'firstRun.problem.forbidden': 'This window may not change where the app works.',
  'firstRun.problem.invalid_input': 'The choice was not understood.',
  'connection.offline': 'No connection to the team server {server}.',
  'connection.connecting': 'Connecting to the team server {server}…',
  'connection.retryIn': (p) => `Trying again in ${p.seconds} s.`,
  'connection.retryNow': 'Retry now',
  'connection.kept':
    'Nothing you type is lost: drafts stay, and a message that could not be sent stays in its box.',
  'connection.problem.unreachable': 'The server does not answer.',
  'connection.problem.refused': 'The server refused this computer’s access.',
  'connection.problem.not_a_console': 'The address no longer leads to a Support Console server.',
  'connection.problem.server_error': 'The server has a problem.',
  'connection.back': 'Connected again to the team server.',
  'mode.local': 'Working on this computer.',
  'mode.team': 'Team server: {server}',
  'mode.change': 'Change…',
  'mode.sessionNotKept':
    'This computer has no keystore to keep your session: you will sign in at each start.',
} satisfies Record<string, Msg>;
