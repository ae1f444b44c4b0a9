import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../expr/index.js';
import { catalogEntries, getKind } from '../catalog.js';
import { portsOf } from '../define-kind.js';

const MINE = [
  'log-replay',
  'map',
  'filter',
  'parse-log',
  'batch',
  'window',
  'partition',
  'round-robin',
  'anomaly',
];

describe('the catalog’s dataflow kinds', () => {
  it.each(MINE)(
    '%s: served by the catalog with JSON Schema params; defaults valid, default expressions compile',
    (kind) => {
      const entry = catalogEntries().find((e) => e.kind === kind);
      expect(entry).toBeDefined();
      expect(entry!.docs.length).toBeGreaterThan(100);
      expect((entry!.params as { additionalProperties?: unknown }).additionalProperties).toBe(false);
      const decl = getKind(kind)!;
      const params = decl.params.parse({}) as Record<string, unknown>;
      for (const p of decl.expressions) expect(compileExpression(params[p] as string).ok).toBe(true);
      for (const p of decl.live) expect(Object.hasOwn(decl.params.shape, p)).toBe(true);
    },
  );

  it('partition and round-robin have out0 … out{n-1}, n from `outputs`', () => {
    for (const kind of ['partition', 'round-robin']) {
      const decl = getKind(kind)!;
      expect(portsOf(decl, decl.params.parse({ outputs: 3 }) as Record<string, unknown>).outputs).toEqual([
        'out0',
        'out1',
        'out2',
      ]);
    }
  });
});
