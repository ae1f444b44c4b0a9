import { z } from 'zod';
import { defineKind } from '../define-kind.js';

export const httpIngestKind = defineKind({
  kind: 'http-ingest',
  title: 'HTTP ingest',
  category: 'source',
  icon: '⇥',
  summary: 'An HTTP endpoint per run: POST JSON or NDJSON items in',
  docs:
    'While the run is going, `POST /api/runs/<runId>/ingest/<nodeId>` accepts one JSON object, a JSON ' +
    'array of objects, or NDJSON (`Content-Type: application/x-ndjson`, one object per line). Items ' +
    'without a `ts` field get the arrival time (epoch ms). Accepted items wait in a buffer of `bufferSize` ' +
    'items and enter the graph as fast as it takes them; a request that does not fit whole is refused ' +
    'with 429 and a Retry-After header, so backpressure reaches the client (closed loop). Answers 202 ' +
    '{ accepted } otherwise; a body over `maxBodyBytes` (or the server limit) gets 413.',
  inputs: [],
  outputs: ['out'],
  params: {
    bufferSize: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(1_000)
      .describe('Items accepted but not yet handed to the graph'),
    maxBodyBytes: z
      .number()
      .int()
      .min(1_024)
      .max(64 * 1024 * 1024)
      .default(1024 * 1024)
      .describe('Largest request body, bytes (the server limit applies too)'),
  },
  live: [],
});
