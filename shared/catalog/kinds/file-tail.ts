import { z } from 'zod';
import { defineKind } from '../define-kind.js';

export const fileTailKind = defineKind({
  kind: 'file-tail',
  title: 'File tail',
  category: 'source',
  icon: '⤓',
  summary: 'Follows a growing log file, like tail -F',
  docs:
    'Emits each new line of the file at `path` as { line, ts } (`ts` = when it was read), so parse-log ' +
    'can take it as it takes log-replay’s. It follows the file like tail -F: when the file is renamed ' +
    'away (log rotation) it reads the old one to its end, then the new file from its start; when the ' +
    'file is truncated it starts again from its start. `from` end skips what the file holds when the ' +
    'run starts. Closed loop: when the graph does not take lines it stops reading, and the file is the ' +
    'buffer. Lines longer than `maxLineBytes` are counted as errors and left out. Only files inside ' +
    'the directory the operator set in SLUICE_TAIL_DIR can be read (`path` is relative to it; symlinks ' +
    'and .. are resolved first); without SLUICE_TAIL_DIR the kind is disabled.',
  inputs: [],
  outputs: ['out'],
  params: {
    path: z
      .string()
      .min(1, 'a file path is required')
      .max(1_000)
      .refine((s) => !s.includes('\0'), 'no NUL characters')
      .default('app.log')
      .describe('The file, relative to SLUICE_TAIL_DIR'),
    from: z
      .enum(['end', 'start'])
      .default('end')
      .describe('Start at the end of the file (new lines only) or its start'),
    maxLineBytes: z
      .number()
      .int()
      .min(64)
      .max(1024 * 1024)
      .default(64 * 1024)
      .describe('Longest line, bytes; longer ones are errors'),
    pollMs: z
      .number()
      .int()
      .min(10)
      .max(10_000)
      .default(200)
      .describe('How often to look for new lines at the end of the file'),
  },
  live: [],
});
