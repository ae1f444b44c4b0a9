import { z } from 'zod';
import { defineKind } from '../define-kind.js';

export const fileKind = defineKind({
  kind: 'file',
  title: 'File',
  category: 'sink',
  icon: '❏',
  summary: 'JSON lines into a downloadable file',
  docs:
    "Appends each item as one JSON line to the run's file for this node, downloadable from " +
    '`GET /api/runs/<runId>/files/<nodeId>`. Writes wait for the disk (backpressure reaches the ' +
    'graph). The file never grows past `maxBytes` (nor the server cap, SLUICE_MAX_FILE_BYTES) and ' +
    'never ends in a partial line: past the cap, `onFull` `stop` keeps the run going and counts the ' +
    "rest as dropped; `fail` fails the run. The same happens when the run's disk budget (all its file " +
    "sinks together, SLUICE_MAX_RUN_FILES_BYTES) or the server's (SLUICE_MAX_FILES_BYTES) is spent; the " +
    'sink says why on the run console. A write error fails the run (the kind takes no errorPolicy: a ' +
    'disk that refuses one write refuses the next, and there is no error port). ' +
    "Only the most recent runs' files are kept.",
  inputs: ['in'],
  outputs: [],
  params: {
    maxBytes: z
      .number()
      .int()
      .min(1)
      .max(1024 * 1024 * 1024)
      .default(10 * 1024 * 1024)
      .describe('Size cap of the file, bytes'),
    onFull: z.enum(['stop', 'fail']).default('stop').describe('Past the cap: stop writing, or fail the run'),
  },
  live: [],
  notReplicable:
    'a run has one downloadable file per file node: replicas would each write their own, and the download would hold one share',
});
