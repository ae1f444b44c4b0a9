/** Small measuring helpers of `classroom-load.ts`: quantiles and peak memory read from /proc. */
import { readdirSync, readFileSync } from 'node:fs';

/** The q-quantile (0..1) of the values, nearest rank; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Peak resident set size of a process (VmHWM, MB), or null once it is gone. */
export function peakRssMb(pid: number): number | null {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

function cmdline(pid: string): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

function parentOf(pid: string): string | null {
  try {
    return /^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * The processes whose command line starts with a program named `name` and passes `-p <port>` —
 * the throw-away nats-server and postmaster, which their helpers do not expose by pid.
 */
export function pidsListeningWith(name: string, port: number): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const args = cmdline(pid);
    if (!args[0]?.endsWith(name)) continue;
    // pg_ctl hands postgres its options in one -o string: "-p 5433 -c …".
    const flat = args.join(' ');
    if (new RegExp(`(^|\\s)-p\\s+${port}(\\s|$)`).test(flat)) found.push(Number(pid));
  }
  return found;
}

/** Child processes of `pid` (a postmaster's backends), by pid. */
export function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d) && parentOf(d) === String(pid))
    .map(Number);
}
