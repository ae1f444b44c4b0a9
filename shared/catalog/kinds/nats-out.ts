import { z } from 'zod';
import { defineKind } from '../define-kind.js';
import { natsModeSchema, natsUrlSchema, subjectSchema } from './nats-params.js';

export const natsOutKind = defineKind({
  kind: 'nats-out',
  title: 'NATS out',
  category: 'sink',
  icon: '⇱',
  summary: 'Publishes items as JSON to a NATS subject or a JetStream stream',
  docs:
    'Publishes each item as JSON to `subject`. Mode core: plain publishes, flushed a batch at a time ' +
    '(so a slow server slows the node, but nothing confirms delivery). Mode jetstream: each publish ' +
    'waits for the stream’s ack, with up to `concurrency` in flight. A stream whose limits refuse ' +
    'more (max_msgs or max_bytes reached with discard new) pushes back: the publish is tried again ' +
    'with a short backoff, the node shows as backpressured, its input queue fills and, under the ' +
    'edge’s `block` policy, the graph upstream waits; nothing is lost. Other failures (no stream ' +
    'for the subject, no ack within `timeoutMs`) follow the error policy. The server only connects ' +
    'to loopback addresses unless SLUICE_NATS_ALLOW allows more; a lost connection fails the run.',
  inputs: ['in'],
  outputs: ['error'],
  params: {
    url: natsUrlSchema.describe('NATS server (nats://host:port)'),
    mode: natsModeSchema.describe('core: publish. jetstream: publish and wait for the stream’s ack'),
    subject: subjectSchema('publish').describe('Subject to publish to (no wildcards)'),
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(256)
      .default(16)
      .describe('JetStream: publishes awaiting their ack at once'),
    timeoutMs: z
      .number()
      .int()
      .min(10)
      .max(120_000)
      .default(5_000)
      .describe('JetStream: time allowed per ack'),
  },
  fails: true,
  live: [],
});
