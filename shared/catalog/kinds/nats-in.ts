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
    'Each message becomes an item: a JSON object as it is, other JSON as { value }, text that is not ' +
    'JSON as { value: "<text>" }; items without a `ts` get the arrival time. Messages over `maxBytes`, ' +
    'not UTF-8, or with a __proto__/constructor key are malformed: counted as errors and left out. ' +
    'Mode core subscribes to `subject`. Core NATS has no backpressure: the publisher never waits, so ' +
    'messages that find the node’s buffer (`bufferSize`) full are counted as rejected, like an ' +
    'open-loop source. Mode jetstream pulls from the durable consumer `consumer` of `stream` (created ' +
    'as an explicit-ack pull consumer when it does not exist) and asks only for as many messages as ' +
    'the buffer has room for, so a slow graph leaves them in the stream: real backpressure. A message ' +
    'is acked once its item is in the node’s outgoing queue (at-least-once: a run stopped before ' +
    'that leaves it to be delivered again; Stop › Drain hands on what was fetched). The server only ' +
    'connects to loopback addresses unless SLUICE_NATS_ALLOW allows more; a lost connection fails the run.',
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
