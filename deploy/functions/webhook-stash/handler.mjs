// webhook-stash: writes the request body to <unix-nanoseconds>.txt in $stash_dir, as the seed's
// Go WebhookStash wrote to its working directory.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const dir = process.env.stash_dir || '/tmp';
mkdirSync(dir, { recursive: true });
const stamp = (BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n)).toString();
const file = join(dir, `${stamp}.txt`);
writeFileSync(file, Buffer.concat(chunks), { mode: 0o644 });
process.stdout.write(`Stashing request\n${file}\n`);
