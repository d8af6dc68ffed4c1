// node-info: facts about the machine a replica runs on, one per line. Input "verbose" adds the
// network interfaces.
import os from 'node:os';

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;

const lines = [
  `Hostname: ${os.hostname()}`,
  `Platform: ${os.platform()}`,
  `Arch: ${os.arch()}`,
  `CPU count: ${os.cpus().length}`,
  `Total memory: ${os.totalmem()}`,
  `Free memory: ${os.freemem()}`,
  `Uptime: ${Math.round(os.uptime())}`,
];
if (input.trim() === 'verbose') {
  for (const [name, addresses] of Object.entries(os.networkInterfaces())) {
    for (const a of addresses ?? []) lines.push(`Interface ${name}: ${a.family} ${a.address}`);
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
