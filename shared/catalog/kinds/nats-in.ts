import { z } from 'zod';
import { defineKind } from '../define-kind.js';
import { jsNameSchema, natsModeSchema, natsUrlSchema, subjectSchema } from './nats-params.js';

export const natsInKind = defineKind({
  kind: 'nats-in',
  title: 'NATS in',
  category: 'source',
  icon: '⇲',
  summary: 'Items from a NATS subject, or from a JetStream consumer with backpressure',
  docs:
    'Each message becomes an item: a JSON object as it is, other JSON as { value }, other text as ' +
    '{ value: "<text>" }; `ts` is the arrival time unless the message has one. Messages over ' +
    '`maxBytes`, not UTF-8 or with a __proto__/constructor key count as errors. Core: subscribes to ' +
    '`subject`; core NATS has no backpressure, so messages that find the buffer full are rejected ' +
    '(open loop). JetStream: pulls from the durable pull consumer `consumer` of `stream` (created if ' +
    'missing) only as many messages as the buffer has room for, so a slow graph leaves them in the ' +
    'stream; each is acked once its item is in the outgoing queue (at-least-once). Only loopback ' +
    'unless SLUICE_NATS_ALLOW allows more; a lost connection fails the run.',
  inputs: [],
  outputs: ['out'],
  params: {
    url: natsUrlSchema.describe('NATS server (nats://host:port)'),
    mode: natsModeSchema.describe('core: subscribe (no backpressure). jetstream: pull from a consumer'),
    subject: subjectSchema('subscribe').describe('Core: the subject to subscribe to (* and > allowed)'),
    stream: jsNameSchema('').describe('JetStream: the stream to pull from'),
    consumer: jsNameSchema('sluice').describe('JetStream: the durable pull consumer'),
    maxBytes: z
      .number()
      .int()
      .min(16)
      .max(8 * 1024 * 1024)
      .default(64 * 1024)
      .describe('Largest message, bytes; larger ones are malformed'),
    bufferSize: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(256)
      .describe('Messages received but not yet handed to the graph'),
  },
  live: [],
});
