import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getKind } from '../shared/catalog/catalog.js';
import type { CatalogResponse } from '../shared/protocol/api.js';
import { startTestApp } from './test-helpers/start-app.js';

/** The product's node catalog (product.md): sources, transforms, sinks. */
const KINDS = [
  ...['generator', 'http-ingest', 'log-replay', 'nats-in', 'file-tail'],
  ...['map', 'filter', 'parse-log', 'worker', 'rate-limit', 'batch', 'window', 'partition'],
  ...['round-robin', 'anomaly'],
  ...['counter', 'log', 'browser', 'http-post', 'file', 'nats-out'],
];

describe('GET /api/catalog', () => {
  it('serves docs and a JSON Schema of the params for every one of the 21 kinds', async () => {
    // ARRANGE
    const app = await startTestApp();
    try {
      // ACT
      const res = await fetch(`${app.url}/api/catalog`);
      const { kinds } = (await res.json()) as CatalogResponse;

      // ASSERT
      expect(res.status).toBe(200);
      expect(kinds.map((k) => k.kind).sort()).toEqual([...KINDS].sort());
      expect(KINDS).toHaveLength(21);
      for (const entry of kinds) {
        const decl = getKind(entry.kind)!;
        expect(entry.docs.length, entry.kind).toBeGreaterThan(40);
        expect(entry.title, entry.kind).not.toBe('');
        const schema = entry.params as {
          $schema: string;
          type: string;
          properties: Record<string, { description?: string }>;
          additionalProperties: boolean;
        };
        expect(schema, entry.kind).toMatchObject({
          $schema: expect.stringContaining('json-schema.org'),
          type: 'object',
          additionalProperties: false,
        });
        // Every declared param is in the schema, described for the inspector's form.
        for (const param of Object.keys(decl.params.shape)) {
          expect(schema.properties[param], `${entry.kind}.${param}`).toBeDefined();
          expect(schema.properties[param]!.description, `${entry.kind}.${param}`).toBeTruthy();
        }
        // A real JSON Schema: read back as a validator, it accepts the kind's defaults and refuses
        // an unknown param, as the compiler does.
        const served = z.fromJSONSchema(entry.params as Parameters<typeof z.fromJSONSchema>[0]);
        const defaults = decl.params.parse({});
        expect(served.safeParse(defaults).success, entry.kind).toBe(true);
        expect(served.safeParse({ ...defaults, notAParam: 1 }).success, entry.kind).toBe(false);
      }
    } finally {
      await app.close();
    }
  });
});
