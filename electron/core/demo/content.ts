// Word lists and text templates for demo data. Everything is rendered from a Random so that the same
// seed always gives the same text; templates use {placeholders} filled from the lists below.
import { Random } from './random';

export const FIRST_NAMES = [
  'Amelia',
  'Oliver',
  'Chloé',
  'Lucas',
  'Priya',
  'Rahul',
  'Sofia',
  'Mateo',
  'Hannah',
  'Jonas',
  'Aisha',
  'Omar',
  'Emma',
  'Noah',
  'Léa',
  'Hugo',
  'Yuki',
  'Kenji',
  'Olga',
  'Dmitri',
  'Fatima',
  'Youssef',
  'Grace',
  'Samuel',
  'Isabela',
  'Thiago',
  'Maja',
  'Erik',
  'Ananya',
  'Arjun',
  'Claire',
  'Julien',
  'Marta',
  'Pavel',
  'Chen',
  'Mei',
  'Laura',
  'Daniel',
  'Zoe',
  'Ethan',
  'Nadia',
  'Karim',
  'Ines',
  'Tomás',
  'Freya',
  'Liam',
  'Sara',
  'Marco',
  'Elif',
  'Emre',
] as const;

export const LAST_NAMES = [
  'Martin',
  'Smith',
  'Dubois',
  'Patel',
  'García',
  'Müller',
  'Rossi',
  'Kowalski',
  'Nguyen',
  'Kim',
  'Johnson',
  'Bernard',
  'Sharma',
  'Fernández',
  'Schmidt',
  'Bianchi',
  'Nowak',
  'Tanaka',
  'Ivanova',
  'Haddad',
  'Brown',
  'Laurent',
  'Iyer',
  'López',
  'Weber',
  'Romano',
  'Wiśniewski',
  'Sato',
  'Petrov',
  'Mansour',
  'Taylor',
  'Moreau',
  'Gupta',
  'Martínez',
  'Fischer',
  'Ricci',
  'Lewandowski',
  'Suzuki',
  'Sokolova',
  'Khalil',
  'Wilson',
  'Fontaine',
  'Reddy',
  'Sánchez',
  'Becker',
  'Greco',
  'Zieliński',
  'Yamamoto',
  'Novak',
  'Aziz',
] as const;

const COMPANY_HEADS = [
  'Northwind',
  'Bluefield',
  'Cedar',
  'Lumen',
  'Harbor',
  'Atlas',
  'Maple',
  'Orbit',
  'Silverline',
  'Pioneer',
  'Greenleaf',
  'Summit',
  'Brightpath',
  'Redwood',
  'Quayside',
  'Nimbus',
  'Keystone',
  'Riverstone',
  'Helix',
  'Vantage',
] as const;
const COMPANY_TAILS = [
  'Logistics',
  'Dental',
  'Realty',
  'Consulting',
  'Events',
  'Clinic',
  'Academy',
  'Studio',
  'Foods',
  'Labs',
  'Travel',
  'Builders',
  'Insurance',
  'Robotics',
  'Nonprofit',
  'Fitness',
  'Legal',
  'Media',
  'Energy',
  'Retail',
] as const;
const MAIL_PROVIDERS = [
  'gmail.com',
  'outlook.com',
  'yahoo.com',
  'proton.me',
  'icloud.com',
  'gmx.de',
] as const;

/** Customers' zones; null means the customer never told us. */
export const CUSTOMER_ZONES: readonly (readonly [string | null, number])[] = [
  ['Europe/Paris', 14],
  ['Europe/London', 12],
  ['America/New_York', 12],
  ['America/Los_Angeles', 6],
  ['Asia/Kolkata', 8],
  ['Europe/Berlin', 8],
  ['Europe/Kyiv', 4],
  ['Asia/Tokyo', 3],
  ['Australia/Sydney', 3],
  ['America/Sao_Paulo', 4],
  ['UTC', 6],
  [null, 20],
];

export interface StaffSeed {
  name: string;
  email: string;
  role: 'agent' | 'account_manager' | 'lead';
  zone: string;
  capacity: number | null;
}

/** The demo team is fixed: the console's screens are designed around a team of about this size. */
export const STAFF: readonly StaffSeed[] = [
  {
    name: 'Marie Lefèvre',
    email: 'marie.lefevre@support.example',
    role: 'agent',
    zone: 'Europe/Paris',
    capacity: null,
  },
  {
    name: 'Tom Harris',
    email: 'tom.harris@support.example',
    role: 'agent',
    zone: 'Europe/London',
    capacity: null,
  },
  {
    name: 'Ananya Rao',
    email: 'ananya.rao@support.example',
    role: 'agent',
    zone: 'Asia/Kolkata',
    capacity: null,
  },
  {
    name: 'Carlos Mendes',
    email: 'carlos.mendes@support.example',
    role: 'agent',
    zone: 'America/New_York',
    capacity: null,
  },
  {
    name: 'Olena Bondarenko',
    email: 'olena.bondarenko@support.example',
    role: 'agent',
    zone: 'UTC',
    capacity: null,
  },
  {
    name: 'Vikram Desai',
    email: 'vikram.desai@support.example',
    role: 'agent',
    zone: 'Asia/Kolkata',
    capacity: null,
  },
  {
    name: 'Sophie Girard',
    email: 'sophie.girard@support.example',
    role: 'account_manager',
    zone: 'Europe/Paris',
    capacity: 25,
  },
  {
    name: 'James Whitfield',
    email: 'james.whitfield@support.example',
    role: 'account_manager',
    zone: 'America/New_York',
    capacity: 25,
  },
  {
    name: 'Helena Novak',
    email: 'helena.novak@support.example',
    role: 'lead',
    zone: 'Europe/London',
    capacity: null,
  },
];

export function personName(r: Random): { first: string; last: string } {
  return { first: r.pick(FIRST_NAMES), last: r.pick(LAST_NAMES) };
}

const INITIALS = 'ABCDEFGHIJKLMNOPRSTVW';
const TRIES_PER_FORM = 12;

/**
 * A customer's name that no name in `taken` has (it is added). Agents find customers by name, so two
 * must never share one; the lists give only 2,500 plain names, so on a clash the name grows a middle
 * initial, then a double-barrelled surname, then both (millions of names), and as a last resort a
 * number. The first name stays the one drawn: e-mail greetings use it.
 */
export function uniquePersonName(
  r: Random,
  taken: Set<string>,
): { first: string; last: string; name: string } {
  const { first, last } = personName(r);
  const forms: (() => string)[] = [
    () => `${first} ${r.pick(LAST_NAMES)}`,
    () => `${first} ${r.pick([...INITIALS])}. ${last}`,
    () => `${first} ${last}-${r.pick(LAST_NAMES)}`,
    () => `${first} ${r.pick([...INITIALS])}. ${last}-${r.pick(LAST_NAMES)}`,
  ];
  let name = `${first} ${last}`;
  for (const form of forms) {
    for (let i = 0; i < TRIES_PER_FORM && taken.has(name); i++) name = form();
  }
  for (let n = 2; taken.has(name); n++) name = `${first} ${last} ${n}`;
  taken.add(name);
  return { first, last: name.slice(first.length + 1), name };
}

export function companyName(r: Random): string {
  return `${r.pick(COMPANY_HEADS)} ${r.pick(COMPANY_TAILS)}`;
}

/** ASCII local part / domain label: e-mail addresses should not depend on IDN support. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/ś|ś/g, 's')
    .replace(/ń/g, 'n')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function mailDomain(r: Random, company: string | null): string {
  return company ? `${slug(company)}.example` : r.pick(MAIL_PROVIDERS);
}

// ---------------------------------------------------------------------------------------------
// Support content: categories of QuintaDB-style questions

interface Category {
  subjects: readonly string[];
  bodies: readonly string[];
  answers: readonly string[];
}

const FORMS = [
  'Order form',
  'Registration form',
  'Feedback survey',
  'Job application',
  'Booking form',
  'Inventory intake',
  'Event sign-up',
  'Patient check-in',
] as const;
const TABLES = [
  'Clients',
  'Orders',
  'Inventory',
  'Employees',
  'Projects',
  'Invoices',
  'Leads',
  'Bookings',
] as const;
const FIELDS = [
  'Email',
  'Due date',
  'Status',
  'Total',
  'Phone',
  'Assigned to',
  'Category',
  'Attachment',
] as const;
const FORMATS = ['CSV', 'Excel', 'PDF', 'JSON'] as const;

const CATEGORIES: readonly Category[] = [
  {
    subjects: [
      'Form submissions not saving',
      'Required field on the {form} is ignored',
      'How do I add a file upload to the {form}?',
      'Redirect after submitting the {form}',
    ],
    bodies: [
      'Since yesterday some entries from our {form} do not appear in the {table} table. People say they see the thank-you page. Is there a limit we hit?',
      'I made "{field}" required on the {form}, but the form still submits when it is empty. What am I missing?',
      'We want applicants to attach a CV on the {form}. I cannot find a file field type; is it available on our plan?',
    ],
    answers: [
      'Thanks for the details. The {form} has a conditional rule that hides "{field}", and hidden fields are never validated. Remove the condition or make it show the field, and the check will apply.',
      'Entries were saved, but into a second copy of the {table} table created when the form was duplicated. In Form settings → Target table, choose the original table; I have moved the {n} entries back for you.',
      'File uploads are a field type: open the form builder, drag "File" onto the form and set the size limit. Uploaded files appear as links in the {table} table.',
    ],
  },
  {
    subjects: [
      'Cannot sort the {table} table by {field}',
      'Lookup field between {table} and Clients',
      'Duplicate records in {table}',
      'Table view shows only {n} rows',
    ],
    bodies: [
      'When I click the "{field}" column header in {table}, the order does not change. Other columns sort fine.',
      'I want the {table} table to show the client name from the Clients table instead of the id. How do I link them?',
      'After last week we have about {n} duplicated rows in {table}. Is there a way to find and merge them?',
    ],
    answers: [
      '"{field}" is a text field, so it sorts alphabetically; converting it to a date field (Field settings → Type) makes sorting follow the calendar. Your existing values convert automatically.',
      'Use a Link field: in {table}, add a field of type "Link to table", choose Clients, and pick Name as the displayed column. Existing rows can be linked in bulk from the table menu.',
      'The table view is paginated at {n} rows by default; change it in View settings → Rows per page, or use the search box, which covers all rows.',
    ],
  },
  {
    subjects: [
      'Monthly report totals are wrong',
      'Schedule a weekly report by e-mail',
      'Group by {field} in a report',
      'Chart in report is empty',
    ],
    bodies: [
      'Our monthly report on {table} shows a total that is {n} higher than the sum I get in Excel. Which rows does it include?',
      'Can a report be e-mailed to the team every Monday morning automatically?',
      'I would like the {table} report grouped by "{field}" with a subtotal for each group.',
    ],
    answers: [
      'The report counted archived rows as well; in Report settings → Filter, add "Archived is No". The totals then match your spreadsheet.',
      'Yes: open the report, choose Schedule, pick Weekly on Monday and add the recipients. The first e-mail goes out next Monday at the time you choose.',
      'In the report builder, drag "{field}" into Group by and enable Subtotals; the chart follows the same grouping.',
    ],
  },
  {
    subjects: [
      'API returns 401 with a new key',
      'Rate limit on the REST API',
      'Webhook on new {table} record',
      'Create records through the API',
    ],
    bodies: [
      'Our integration started failing with 401 Unauthorized after I regenerated the API key. The new key is in the header.',
      'We sync about {n} records an hour from our shop into {table}. Is there a rate limit we should respect?',
      'How can we call our own endpoint whenever a new row is added to {table}?',
    ],
    answers: [
      'Regenerating a key invalidates the old one immediately, and the key belongs to the user who created it. Please make sure the integration uses the key of a user who still has access to the {table} table.',
      'The API allows {n} requests per minute per account; batch endpoints accept up to 100 records per call, which keeps an hourly sync well within the limit.',
      'Add a webhook under Table settings → Integrations → Webhooks, event "Record created". We send a JSON POST with the record to your URL.',
    ],
  },
  {
    subjects: [
      'CSV import fails at row {n}',
      'Import {format} into {table}',
      'Dates imported as text',
      'Special characters broken after import',
    ],
    bodies: [
      'Importing our {format} file into {table} stops with "invalid value at row {n}". The file opens fine in Excel.',
      'After importing, the "{field}" column is text instead of a date, so filters do not work.',
      'Accented names like "Chloé" appear as strange symbols after the import.',
    ],
    answers: [
      'Row {n} has a comma inside an unquoted value, which shifts the columns. Saving the file as "CSV UTF-8" from Excel quotes those values; the import then goes through.',
      'The importer reads dates in the format set in Account settings. Set it to match the file (for example DD/MM/YYYY) and re-import, or convert the column afterwards with Field settings → Type.',
      'The file was saved in a legacy encoding. Please export it as UTF-8 and import again; the names will come through correctly.',
    ],
  },
  {
    subjects: [
      'Invoice for last month',
      'Change billing e-mail',
      'Charged twice this month',
      'Upgrade to Express: prorated price?',
    ],
    bodies: [
      'Could you send the invoice for last month with our VAT number? Our accountant needs it.',
      'I think we were charged twice on our card this month. Could you check?',
      'If we upgrade from our current plan to the Express version mid-month, how is the price calculated?',
    ],
    answers: [
      'The invoice with your VAT number is now available under Account → Billing → Invoices; I have also sent it to your billing e-mail.',
      'There was one charge and one pre-authorisation that your bank releases within a few days; only one payment was captured.',
      'Upgrades are prorated: you pay the difference for the remaining days of the billing period, and the new price applies from the next renewal.',
    ],
  },
  {
    subjects: [
      'Give a colleague read-only access',
      'User cannot see the {table} table',
      'Remove a former employee',
      'Roles and permissions for the {form}',
    ],
    bodies: [
      'A new colleague should see the {table} table but must not edit or delete anything. How do I set that up?',
      'One of our users gets "access denied" on {table}, although she is in the same group as me.',
      'A former employee still has an account. How do I remove her without losing the records she created?',
    ],
    answers: [
      'Create a role with "View" on {table} only (Users → Roles), then assign it to your colleague. Editing and deleting stay disabled for that role.',
      'Table permissions override group permissions: {table} has its own access list in Table settings → Permissions. Adding her group there fixes it.',
      'Deactivate the user instead of deleting them: records keep their author, and the seat is freed for someone else.',
    ],
  },
  {
    subjects: [
      'Embed the {form} on our website',
      'Widget not loading on mobile',
      'Custom CSS for the embedded form',
      'Public table widget shows all columns',
    ],
    bodies: [
      'The embedded {form} does not show on our WordPress site; the space stays blank.',
      'On phones the widget is cut off on the right side.',
      'We embed the {table} table publicly but want to hide the "{field}" column.',
    ],
    answers: [
      'Your site blocks third-party iframes with a Content-Security-Policy header. Allow our domain in frame-src, or use the JavaScript embed code, which is not affected.',
      'Enable "Responsive" in the widget settings; the form then adapts to the screen width.',
      'Widgets show the columns of the view they are based on: create a view without "{field}" and select it in the widget settings.',
    ],
  },
  {
    subjects: [
      'Notification e-mails go to spam',
      'Notify the manager on new {form} entry',
      'Change the sender name of notifications',
      'No e-mail after form submission',
    ],
    bodies: [
      'Our customers say the confirmation e-mail from the {form} ends up in their spam folder.',
      'Can the manager get an e-mail each time someone submits the {form}, with the entry details?',
      'Since Monday nobody receives the notification after submitting the {form}.',
    ],
    answers: [
      "Add our sending servers to your domain's SPF record and enable DKIM under Account → E-mail; deliverability improves once both are in place.",
      'Under Form settings → Notifications, add a rule "On submit", with the manager as recipient and the {field} field in the message.',
      'The notification rule was switched off when the form was copied; it is back on, and I re-sent the {n} notifications from this week.',
    ],
  },
  {
    subjects: [
      'Formula field returns an error',
      'Sum of {field} across linked records',
      'Calculated date + 30 days',
      'Rounding in the Total column',
    ],
    bodies: [
      'My formula field on {table} shows #ERROR for some rows but not others.',
      'I need the total of "{field}" from all linked Orders on each client row.',
      'The Total column shows 10.004999 instead of 10.01; how do I round to two decimals?',
    ],
    answers: [
      'The rows with #ERROR have an empty "{field}"; wrap it in IF(ISBLANK(...), 0, ...) and the formula works on every row.',
      'Use a Rollup field on the client table: link to Orders, function SUM, field "{field}".',
      "Use ROUND(value, 2) in the formula, or set the field's display precision to 2 decimals.",
    ],
  },
  {
    subjects: [
      'Export {table} to {format}',
      'Backup of all our data',
      'Export loses line breaks',
      'Download attachments in bulk',
    ],
    bodies: [
      'We need a full export of {table} in {format} for our auditor, with all {n} records.',
      'Is there a way to back up the whole account, including attachments?',
      'When I export to {format}, multi-line notes end up on one line.',
    ],
    answers: [
      'Use Export → {format} from the table menu and choose "All rows"; exports of this size are e-mailed as a download link within a few minutes.',
      'Account → Backup creates an archive of every table plus attachments; it stays available for 7 days.',
      'Line breaks are kept in {format} inside quoted cells; open the file with the import wizard rather than double-clicking it.',
    ],
  },
  {
    subjects: [
      'Cannot log in after password reset',
      'Two-factor authentication',
      'Transfer account ownership',
      'Change account e-mail address',
    ],
    bodies: [
      'I reset my password but the login page still says the password is wrong.',
      'Does the service support two-factor authentication for all users?',
      'Our founder is leaving; how do we transfer the account ownership to me?',
    ],
    answers: [
      'The reset link was used twice, so the first new password was replaced. Please request one more reset and use only the latest e-mail.',
      'Yes: each user can enable it under Profile → Security, and the account owner can require it for everyone.',
      'The current owner can transfer ownership under Account → Owner; if that is not possible, reply with a signed request and we will do it for you.',
    ],
  },
];

const FOLLOW_UPS = [
  'Thanks, that helped. One more thing: does the same apply to the {table} table?',
  'I tried that but it still does not work for some rows. Could you have another look?',
  'Perfect, it works now. Could I also change "{field}" in the same way?',
  'Thank you! Is this documented somewhere so I can share it with my team?',
  'Sorry, I do not see that option in my settings. Could you send a screenshot?',
] as const;

const SECOND_ANSWERS = [
  'Yes, the same applies there; I checked your {table} table and it is set up the same way.',
  'I looked again: the remaining rows had an old value in "{field}". I have corrected them, and it should work everywhere now.',
  'The option appears only for the account owner; I have sent a screenshot to your e-mail.',
  'It is described in the User Guide under "{table}" and in last month\'s Blog post; here is a short summary you can share.',
] as const;

const NOTES = [
  'Checked the account logs: no errors on our side in the last 24 h.',
  'Customer seems to be on an old browser; suggested updating before digging further.',
  'Same issue reported by another customer last week; linking for reference.',
  'Escalated internally to check the {table} import logs.',
  'Customer is evaluating an upgrade; mention Express response times if it comes up.',
  'Reproduced with a test form; workaround sent.',
] as const;

const COMMENT_BODIES = [
  'Great article! Does this also work with the {form}?',
  'I followed the steps for {table} but my "{field}" column does not appear.',
  'Could you write a post about importing {format} files with dates?',
  'Thanks for the tips on reports, very useful for our team.',
] as const;

const CALL_QUESTIONS = [
  'How should we structure the {table} table for our team?',
  'Can you walk us through report scheduling?',
  'Which permissions should our new colleagues get?',
  'How do we migrate our {format} data into {table}?',
  'What is the best way to connect our shop to the API?',
  'Can we review our {form} together?',
] as const;

function fill(template: string, r: Random): string {
  return template.replace(/\{(form|table|field|format|n)\}/g, (_m, key: string) => {
    switch (key) {
      case 'form':
        return r.pick(FORMS);
      case 'table':
        return r.pick(TABLES);
      case 'field':
        return r.pick(FIELDS);
      case 'format':
        return r.pick(FORMATS);
      default:
        return String(r.int(2, 60) * 5);
    }
  });
}

export const CATEGORY_COUNT = CATEGORIES.length;

function category(index: number): Category {
  const c = CATEGORIES[index % CATEGORIES.length];
  if (!c) throw new Error('no content categories');
  return c;
}

export function ticketSubject(categoryIndex: number, seed: number): string {
  return fill(new Random(seed).pick(category(categoryIndex).subjects), new Random(seed ^ 0x5bd1e995));
}

/** Message text is rendered when rows are written, from a per-message seed, to keep memory flat. */
export type BodyKind =
  'question' | 'comment' | 'follow_up' | 'answer' | 'second_answer' | 'note' | 'call_ack' | 'call_answer';

export function messageBody(
  kind: BodyKind,
  categoryIndex: number,
  seed: number,
  names: { customer: string; staff: string },
): string {
  const r = new Random(seed);
  switch (kind) {
    case 'question':
      return `Hello,\n\n${fill(r.pick(category(categoryIndex).bodies), r)}\n\nThanks,\n${names.customer}`;
    case 'comment':
      return fill(r.pick(COMMENT_BODIES), r);
    case 'follow_up':
      return `${fill(r.pick(FOLLOW_UPS), r)}\n\n${names.customer}`;
    case 'answer':
      return `Hello ${names.customer},\n\n${fill(r.pick(category(categoryIndex).answers), r)}\n\nBest regards,\n${names.staff}`;
    case 'second_answer':
      return `Hello ${names.customer},\n\n${fill(r.pick(SECOND_ANSWERS), r)}\n\nBest regards,\n${names.staff}`;
    case 'note':
      return fill(r.pick(NOTES), r);
    case 'call_ack':
      return `Hello ${names.customer},\n\nThanks for sending your questions in advance. We are finding a time with the right specialist and will send the booking shortly.\n\nBest regards,\n${names.staff}`;
    case 'call_answer':
      return `Hello ${names.customer},\n\nThanks for sending your questions in advance. Your call is booked; the invitation with the link is on its way to your contact address.\n\nBest regards,\n${names.staff}`;
  }
}

export function callQuestions(seed: number): string[] {
  const r = new Random(seed);
  const n = r.int(1, 3);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(fill(r.pick(CALL_QUESTIONS), r));
  return [...new Set(out)];
}

export const REFUSED_NOTE = 'Refused at intake; the customer was sent the alternatives.';
