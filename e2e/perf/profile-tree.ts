/**
 * JS time per function including what it called (a function on the stack twice counts once),
 * and for the top self-time functions, which callers the time came through: a cheap function
 * called from everywhere and a costly one called once look alike in self time.
 */
export function printInclusive(
  profile: {
    nodes: Array<{
      id: number;
      children?: number[];
      callFrame: { functionName: string; url: string; lineNumber: number };
    }>;
  },
  self: Map<number, number>,
  seconds: number,
): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    return `${functionName || '(anon)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;
  };
  const total = new Map<string, number>();
  const callers = new Map<string, Map<string, number>>();
  for (const [id, us] of self) {
    const seen = new Set<string>();
    let at: number | undefined = id;
    let child: string | null = null;
    while (at !== undefined) {
      const k = name(at);
      if (!seen.has(k)) {
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + us / 1000);
      }
      if (child !== null) {
        const m = callers.get(child) ?? new Map<string, number>();
        m.set(k, (m.get(k) ?? 0) + us / 1000);
        callers.set(child, m);
        child = null;
      }
      if (at === id) child = k;
      at = parent.get(at);
    }
  }
  console.log('  top JS total time, callees included (ms per second):');
  for (const [k, ms] of [...total.entries()]
    .filter(([k]) => !k.startsWith('(root)') && !k.startsWith('(program)') && !k.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(process.env.TOP ?? 40)))
    console.log(`    ${(ms / seconds).toFixed(1).padStart(6)}  ${k}`);
  const watch = process.env.CALLERS?.split(',') ?? [];
  for (const fn of watch) {
    for (const [k, m] of callers) {
      if (!k.startsWith(`${fn} `)) continue;
      console.log(`  callers of ${k} (its self time, ms per second):`);
      for (const [c, ms] of [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8))
        console.log(`    ${(ms / seconds).toFixed(1).padStart(6)}  ${c}`);
    }
  }
}
