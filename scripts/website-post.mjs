#!/usr/bin/env node
// Signs and sends one post to the console's website endpoint, as a website's server would
// (docs/WEBSITE-INTAKE.md). Plain Node ≥ 20, no dependencies.
//
//   WEBSITE_SECRET=<the secret from Channels → Website> \
//     node scripts/website-post.mjs <endpoint URL> <post.json> [idempotency key]
//
// The idempotency key defaults to a new random one; send the same key again to see the console
// answer with the first answer instead of making a second message.
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [url, file, key = `example-${randomUUID()}`] = process.argv.slice(2);
const secret = process.env.WEBSITE_SECRET;
if (!url || !file || !secret) {
  console.error(
    'usage: WEBSITE_SECRET=… node scripts/website-post.mjs <endpoint URL> <post.json> [idempotency key]',
  );
  process.exit(2);
}

// The exact bytes sent are the bytes signed: sign the body string, then send that same string.
const body = JSON.stringify(JSON.parse(readFileSync(file, 'utf8')));
const timestamp = String(Math.floor(Date.now() / 1000));
const signature = 'v1=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

const response = await fetch(url, {
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    'x-support-timestamp': timestamp,
    'x-support-signature': signature,
    'idempotency-key': key,
  },
  body,
});
const answer = await response.json();
console.log(JSON.stringify({ status: response.status, idempotencyKey: key, answer }, null, 2));
process.exit(response.ok ? 0 : 1);
