import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { parseLogKind } from '../../../shared/catalog/kinds/parse-log.js';
import type { Item, NodeContext, TransformBehavior } from '../node-behavior.js';
import { addKeyValues } from './key-values.js';
import { compilePattern, type LineParser, parsePipe } from './log-line-parser.js';

type Params = ParamsOf<typeof parseLogKind>;

const PREVIEW = 80;

/**
 * Parses a text field into fields. A line that does not parse is reported as failed; the
 * executor applies the error policy to it (server/runtime/executors/error-policy.ts).
 */
export function createParseLog(ctx: NodeContext<Params>): TransformBehavior {
  const p = ctx.params;
  const source = p.field;
  const parse: LineParser = p.format === 'pipe' ? parsePipe : compilePattern(p.pattern);
  const keyValues = p.keyValues;

  const parseItem = (item: Item): Item | undefined => {
    const text = item[source];
    if (typeof text !== 'string') return undefined;
    const fields = parse(text);
    if (fields === undefined) return undefined;
    const out: Item = {};
    // The input's other fields, then what the line held. Object.keys: own data only, and
    // `__proto__` (possible in ingested JSON) is never assigned, as it would set a prototype.
    for (const k of Object.keys(item)) if (k !== source && k !== '__proto__') out[k] = item[k];
    for (const k of Object.keys(fields)) if (k !== 'id' && k !== 'ts') out[k] = fields[k];
    if (keyValues && typeof fields.message === 'string') addKeyValues(fields.message, out);
    return out;
  };

  return {
    type: 'transform',
    process(items, emit, _now, _wallNow, fail) {
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        const out = parseItem(item);
        if (out !== undefined) {
          emit('out', out);
          continue;
        }
        const message = `cannot parse ${whatFailed(item, source)}`;
        if (fail === undefined) throw new Error(message);
        fail(item, message);
      }
    },
  };
}

function whatFailed(item: Item, source: string): string {
  const text = item[source];
  if (typeof text !== 'string') return `item without a text field "${source}"`;
  const preview = text.length > PREVIEW ? `${text.slice(0, PREVIEW)}…` : text;
  return `line ${JSON.stringify(preview)}`;
}
