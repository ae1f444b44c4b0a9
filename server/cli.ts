import { parseArgs } from 'node:util';
import { runCommand } from './cli/run-command.js';

const USAGE = `usage: npm run sluice -- run <graph.json> [--duration <seconds>] [--json] [--nats <url>]

Runs a graph headless with the server's compiler and runtime, shows live progress per node and
edge, and prints the final totals (one JSON object with --json). --duration drains the run after
that many seconds; without it the run goes until its sources finish (or Ctrl+C). --nats runs a
graph that uses process, replicas or nats edges on the runners of that NATS server.`;

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const [command, file] = parsed.positionals;
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
      help: { type: 'boolean', short: 'h' },
    },
  });
}

process.exitCode = await main(process.argv.slice(2));
