import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileExpression } from './compile-expression.js';

/**
 * Known ways out of expression sandboxes. Each must fail to compile ('error') or evaluate to
 * the given harmless value; none may yield a function, a prototype or a global.
 */
const CORPUS: Array<[source: string, outcome: 'error' | null | boolean | number | string]> = [
  ['this.constructor.constructor("return process")()', 'error'],
  ['constructor', 'error'],
  ['__proto__', 'error'],
  ['prototype', 'error'],
  ['a.__proto__.polluted', 'error'],
  ['__proto__.polluted == 1', 'error'],
  ['item["__proto__"]', 'error'],
  ["item['__proto__']['polluted']", 'error'],
  ['item["\\u005f_proto__"]', 'error'],
  ['item["constructor"]', 'error'],
  ['item.constructor', 'error'],
  ['a.prototype.x', 'error'],
  ['"".constructor', 'error'],
  ['tags.constructor', 'error'],
  ['\\u0063onstructor', 'error'],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the attack text itself
  ['`${process}`', 'error'],
  ['import("fs")', 'error'],
  ['require("fs")', 'error'],
  ['eval("1")', 'error'],
  ['Function("x")', 'error'],
  ['new Function("x")', 'error'],
  ['setTimeout("x", 0)', 'error'],
  ['process.mainModule.require("child_process")', 'error'],
  ['Object.assign(item, x)', 'error'],
  ['(()=>1)()', 'error'],
  ['x => x', 'error'],
  ['function() {}', 'error'],
  ['x = 1', 'error'],
  ['a.b = 1', 'error'],
  ['a; b', 'error'],
  ['toString()', 'error'],
  ['valueOf()', 'error'],
  ['[].map', 'error'],
  ['{}.toString', 'error'],
  ['lower.call(x)', 'error'],
  ['message.toLowerCase()', 'error'],
  ['globalThis', null],
  ['process', null],
  ['process.env', null],
  ['process.env.HOME', null],
  ['global', null],
  ['window', null],
  ['self.location', null],
  ['document.cookie', null],
  ['this', null],
  ['toString', null],
  ['valueOf', null],
  ['hasOwnProperty', null],
  ['__defineGetter__', null],
  ['__lookupGetter__', null],
  ['isPrototypeOf', null],
  ['coalesce(toString, valueOf, hasOwnProperty)', null],
  ['"abc".length', null],
  ['tags.map', null],
  ['item["__pro" + "to__"]', null],
  ['item[key]', null],
  ['nested["__pro" + "to__"].polluted', null],
  ['type(toString)', 'null'],
  ['str(valueOf)', null],
  [
    'replace(long, "a", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")',
    null,
  ],
  // Catastrophic for a backtracking engine (2^36 steps); linear on re2js. No timing assertion:
  // if this ever backtracked, the test timeout would trip.
  ['dos ~= "(a+)+$"', false],
  ['dos ~= "^(a|a)*$" or dos ~= "(a|aa)+$" or dos ~= "^(.*a){20}$"', false],
];

// Own data an attacker controls too: JSON.parse creates real own `__proto__` keys.
const ITEM = {
  ...JSON.parse('{"nested": {"__proto__": {"polluted": true}}, "key": "__proto__"}'),
  tags: ['a'],
  long: 'a'.repeat(100_000),
  dos: `${'a'.repeat(36)}!`,
};

function snapshot() {
  const protos = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype];
  return {
    globals: Object.getOwnPropertyNames(globalThis).sort(),
    protos: protos.map((p) => Reflect.ownKeys(p).map(String).sort()),
  };
}

describe('escape corpus', () => {
  let before: ReturnType<typeof snapshot>;
  beforeAll(() => {
    before = snapshot();
  });

  it.each(CORPUS)('%s → %s', (source, outcome) => {
    const r = compileExpression(source);
    if (outcome === 'error') {
      expect(r.ok).toBe(false);
      return;
    }
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const result = r.evaluate(ITEM);
    expect(typeof result).not.toBe('function');
    expect(result).toBe(outcome);
  });

  afterAll(() => {
    expect(snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
