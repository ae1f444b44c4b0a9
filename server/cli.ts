import { parseArgs } from 'node:util';
import { dbCommand } from './cli/db-command.js';
import { runCommand } from './cli/run-command.js';

const USAGE = `usage: npm run sluice -- run <graph.json> [--duration <seconds>] [--json] [--nats <url>]
       npm run sluice -- db export <file>
       npm run sluice -- db import <file> [--merge]

Runs a graph headless with the server's compiler and runtime, shows live progress per node and
edge, and prints the final totals (one JSON object with --json). --duration drains the run after
that many seconds; without it the run goes until its sources finish (or Ctrl+C). --nats runs a
graph that uses process, replicas or nats edges on the runners of that NATS server.

db export writes every saved graph (revisions, slugs, edit-token hashes, times, forks) of the
store the server would use (DATABASE_URL, else SQLite under DATA_DIR) to a file; db import reads
one into a store, all or nothing, refusing a store that already holds graphs unless --merge.`;

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const [command, file] = parsed.positionals;
  if (!parsed.values.help && command === 'db') {
    const [, action, target] = parsed.positionals;
    if ((action === 'export' || action === 'import') && target && parsed.positionals.length === 3) {
      return dbCommand({
        action,
        file: target,
        merge: parsed.values.merge ?? false,
        out: process.stdout,
        err: process.stderr,
      });
    }
  }
  if (parsed.values.help || command !== 'run' || !file) {
    process.stderr.write(`${USAGE}\n`);
    return parsed.values.help ? 0 : 2;
  }
  const duration = parsed.values.duration === undefined ? undefined : Number(parsed.values.duration);
  if (duration !== undefined && !(duration > 0)) {
    process.stderr.write('--duration must be a positive number of seconds\n');
    return 2;
  }
  return runCommand({
    file,
    durationS: duration,
    json: parsed.values.json ?? false,
    out: process.stdout,
    ...(parsed.values.nats === undefined ? {} : { natsUrl: parsed.values.nats }),
  });
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      duration: { type: 'string' },
      json: { type: 'boolean' },
      nats: { type: 'string' },
      merge: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

process.exitCode = await main(process.argv.slice(2));
