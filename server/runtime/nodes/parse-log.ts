import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { parseLogKind } from '../../../shared/catalog/kinds/parse-log.js';
import type { Item, NodeContext, TransformBehavior } from '../node-behavior.js';
import type { CountsErrors } from './compile-param.js';
import { addKeyValues } from './key-values.js';
import { compilePattern, type LineParser, parsePipe } from './log-line-parser.js';

type Params = ParamsOf<typeof parseLogKind>;

const PREVIEW = 80;

/**
 * Parses a text field into fields. Lines that do not parse follow the error policy: `fail` throws
 * (the executor fails the run naming this node), `dead-letter` emits the original item out of
 * `error`, `skip` and `retry` (a parse gives the same answer every time) drop it; all but `fail`
 * count it.
 */
export function createParseLog(ctx: NodeContext<Params>): TransformBehavior & CountsErrors {
  const p = ctx.params;
  const source = p.field;
  const parse: LineParser = p.format === 'pipe' ? parsePipe : compilePattern(p.pattern);
  const keyValues = p.keyValues;
  const policy = p.errorPolicy;
  let errors = 0;

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
    get errors() {
      return errors;
    },
    process(items, emit) {
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        const out = parseItem(item);
        if (out !== undefined) {
          emit('out', out);
          continue;
        }
        if (policy === 'fail') throw new Error(`cannot parse ${whatFailed(item, source)}`);
        errors++;
        if (policy === 'dead-letter') emit('error', item);
      }
    },
  };
}

function whatFailed(item: Item, source: string): string {
  const text = item[source];
  const id = item.id === undefined ? '' : ` (item ${String(item.id)})`;
  if (typeof text !== 'string') return `item without a text field "${source}"${id}`;
  const preview = text.length > PREVIEW ? `${text.slice(0, PREVIEW)}…` : text;
  return `line${id}: ${JSON.stringify(preview)}`;
}
