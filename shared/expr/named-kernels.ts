import type { ArithOp } from './compile-arith.js';
import { add } from './compile-arith.js';
import type { AssignKernel, KeepKernel, Shape } from './kernels.js';
import { clean, fin, isTruthy } from './values.js';

/*
 * The kernels of `kernels.ts` again, for the four fields every runtime item has (the item contract:
 * `id`, `ts`, `key`, `value`), each with the field's name written in the loop (`it.value`) instead
 * of a key the closure holds (`it[k]`): a fused hop of C is little more than the map's loop, and
 * the named loop makes it cheaper (numbers: docs/runtime-profile.md, "Named-field kernels").
 *
 * This is source, not code made at run time: the loops are written out once per field and
 * operator (as `kernels.ts` writes one per operator), and chosen by the shape's key and the map's
 * target field. Each computes per item exactly what its keyed twin computes (a property test holds
 * every one equal to the closure tree), and is handed out under the same prototype check: a
 * plain named load reads what `it[k]` reads.
 *
 * Maps: a named loop when the target field is `value` (the map's default) and the key is one of
 * the four; other targets use the keyed loops. Filters: a named loop for every shape on the four.
 */

/** The named loop of a map writing `value` from shape `s`, or undefined (use the keyed one). */
export function namedAssignKernel(s: Shape, field: string): AssignKernel | undefined {
  if (field !== 'value' || s.compare !== null) return undefined;
  switch (s.key) {
    case 'id':
      return assignId(s.arith, s.by);
    case 'ts':
      return assignTs(s.arith, s.by);
    case 'key':
      return assignKey(s.arith, s.by);
    case 'value':
      return assignValue(s.arith, s.by);
    default:
      return undefined;
  }
}

/** The named loop of a filter for shape `s`, or undefined (use the keyed one, or the closures). */
export function namedKeepKernel(s: Shape): KeepKernel | undefined {
  if (s.compare !== '==' && s.compare !== '!=' && s.arith !== null) return undefined; // as keepKernel
  switch (s.key) {
    case 'id':
      return keepId(s);
    case 'ts':
      return keepTs(s);
    case 'key':
      return keepKey(s);
    case 'value':
      return keepValue(s);
    default:
      return undefined;
  }
}

function assignId(arith: ArithOp | null, c: number): AssignKernel {
  switch (arith) {
    case null:
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          it.value = clean(it.id);
        }
      };
    case '+':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.id;
          it.value = typeof a === 'number' ? fin(a + c) : add(clean(a), c);
        }
      };
    case '-':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.id;
          it.value = typeof a === 'number' ? fin(a - c) : null;
        }
      };
    case '*':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.id;
          it.value = typeof a === 'number' ? fin(a * c) : null;
        }
      };
    case '/':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.id;
          it.value = typeof a === 'number' ? fin(a / c) : null;
        }
      };
    case '%':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.id;
          it.value = typeof a === 'number' ? fin(a % c) : null;
        }
      };
    default: // ^
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.id;
          it.value = typeof a === 'number' ? fin(a ** c) : null;
        }
      };
  }
}

function assignTs(arith: ArithOp | null, c: number): AssignKernel {
  switch (arith) {
    case null:
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          it.value = clean(it.ts);
        }
      };
    case '+':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.ts;
          it.value = typeof a === 'number' ? fin(a + c) : add(clean(a), c);
        }
      };
    case '-':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.ts;
          it.value = typeof a === 'number' ? fin(a - c) : null;
        }
      };
    case '*':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.ts;
          it.value = typeof a === 'number' ? fin(a * c) : null;
        }
      };
    case '/':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.ts;
          it.value = typeof a === 'number' ? fin(a / c) : null;
        }
      };
    case '%':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.ts;
          it.value = typeof a === 'number' ? fin(a % c) : null;
        }
      };
    default: // ^
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.ts;
          it.value = typeof a === 'number' ? fin(a ** c) : null;
        }
      };
  }
}

function assignKey(arith: ArithOp | null, c: number): AssignKernel {
  switch (arith) {
    case null:
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          it.value = clean(it.key);
        }
      };
    case '+':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.key;
          it.value = typeof a === 'number' ? fin(a + c) : add(clean(a), c);
        }
      };
    case '-':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.key;
          it.value = typeof a === 'number' ? fin(a - c) : null;
        }
      };
    case '*':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.key;
          it.value = typeof a === 'number' ? fin(a * c) : null;
        }
      };
    case '/':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.key;
          it.value = typeof a === 'number' ? fin(a / c) : null;
        }
      };
    case '%':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.key;
          it.value = typeof a === 'number' ? fin(a % c) : null;
        }
      };
    default: // ^
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.key;
          it.value = typeof a === 'number' ? fin(a ** c) : null;
        }
      };
  }
}

function assignValue(arith: ArithOp | null, c: number): AssignKernel {
  switch (arith) {
    case null:
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          it.value = clean(it.value);
        }
      };
    case '+':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.value;
          it.value = typeof a === 'number' ? fin(a + c) : add(clean(a), c);
        }
      };
    case '-':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.value;
          it.value = typeof a === 'number' ? fin(a - c) : null;
        }
      };
    case '*':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.value;
          it.value = typeof a === 'number' ? fin(a * c) : null;
        }
      };
    case '/':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.value;
          it.value = typeof a === 'number' ? fin(a / c) : null;
        }
      };
    case '%':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.value;
          it.value = typeof a === 'number' ? fin(a % c) : null;
        }
      };
    default: // ^
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.value;
          it.value = typeof a === 'number' ? fin(a ** c) : null;
        }
      };
  }
}

function keepId(s: Shape): KeepKernel {
  const { by: c, to } = s;
  if (s.compare === '==' || s.compare === '!=') {
    const eq = s.compare === '==';
    switch (s.arith) {
      case null:
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            if ((clean(it.id) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '+':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.id;
            if (((typeof a === 'number' ? fin(a + c) : add(clean(a), c)) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '-':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.id;
            if (((typeof a === 'number' ? fin(a - c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '*':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.id;
            if (((typeof a === 'number' ? fin(a * c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '/':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.id;
            if (((typeof a === 'number' ? fin(a / c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '%':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.id;
            if (((typeof a === 'number' ? fin(a % c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      default: // ^
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.id;
            if (((typeof a === 'number' ? fin(a ** c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
    }
  }
  const n = to as number;
  switch (s.compare) {
    case null:
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const v = clean(it.id);
          if (v === true || (v !== false && isTruthy(v))) out[kept++] = it;
        }
        return kept;
      };
    case '<':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.id;
          if (typeof a === 'number' && a - a === 0 && a < n) out[kept++] = it;
        }
        return kept;
      };
    case '<=':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.id;
          if (typeof a === 'number' && a - a === 0 && a <= n) out[kept++] = it;
        }
        return kept;
      };
    case '>':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.id;
          if (typeof a === 'number' && a - a === 0 && a > n) out[kept++] = it;
        }
        return kept;
      };
    default: // >=
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.id;
          if (typeof a === 'number' && a - a === 0 && a >= n) out[kept++] = it;
        }
        return kept;
      };
  }
}

function keepTs(s: Shape): KeepKernel {
  const { by: c, to } = s;
  if (s.compare === '==' || s.compare === '!=') {
    const eq = s.compare === '==';
    switch (s.arith) {
      case null:
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            if ((clean(it.ts) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '+':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.ts;
            if (((typeof a === 'number' ? fin(a + c) : add(clean(a), c)) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '-':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.ts;
            if (((typeof a === 'number' ? fin(a - c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '*':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.ts;
            if (((typeof a === 'number' ? fin(a * c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '/':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.ts;
            if (((typeof a === 'number' ? fin(a / c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '%':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.ts;
            if (((typeof a === 'number' ? fin(a % c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      default: // ^
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.ts;
            if (((typeof a === 'number' ? fin(a ** c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
    }
  }
  const n = to as number;
  switch (s.compare) {
    case null:
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const v = clean(it.ts);
          if (v === true || (v !== false && isTruthy(v))) out[kept++] = it;
        }
        return kept;
      };
    case '<':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.ts;
          if (typeof a === 'number' && a - a === 0 && a < n) out[kept++] = it;
        }
        return kept;
      };
    case '<=':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.ts;
          if (typeof a === 'number' && a - a === 0 && a <= n) out[kept++] = it;
        }
        return kept;
      };
    case '>':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.ts;
          if (typeof a === 'number' && a - a === 0 && a > n) out[kept++] = it;
        }
        return kept;
      };
    default: // >=
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.ts;
          if (typeof a === 'number' && a - a === 0 && a >= n) out[kept++] = it;
        }
        return kept;
      };
  }
}

function keepKey(s: Shape): KeepKernel {
  const { by: c, to } = s;
  if (s.compare === '==' || s.compare === '!=') {
    const eq = s.compare === '==';
    switch (s.arith) {
      case null:
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            if ((clean(it.key) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '+':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.key;
            if (((typeof a === 'number' ? fin(a + c) : add(clean(a), c)) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '-':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.key;
            if (((typeof a === 'number' ? fin(a - c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '*':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.key;
            if (((typeof a === 'number' ? fin(a * c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '/':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.key;
            if (((typeof a === 'number' ? fin(a / c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '%':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.key;
            if (((typeof a === 'number' ? fin(a % c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      default: // ^
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.key;
            if (((typeof a === 'number' ? fin(a ** c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
    }
  }
  const n = to as number;
  switch (s.compare) {
    case null:
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const v = clean(it.key);
          if (v === true || (v !== false && isTruthy(v))) out[kept++] = it;
        }
        return kept;
      };
    case '<':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.key;
          if (typeof a === 'number' && a - a === 0 && a < n) out[kept++] = it;
        }
        return kept;
      };
    case '<=':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.key;
          if (typeof a === 'number' && a - a === 0 && a <= n) out[kept++] = it;
        }
        return kept;
      };
    case '>':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.key;
          if (typeof a === 'number' && a - a === 0 && a > n) out[kept++] = it;
        }
        return kept;
      };
    default: // >=
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.key;
          if (typeof a === 'number' && a - a === 0 && a >= n) out[kept++] = it;
        }
        return kept;
      };
  }
}

function keepValue(s: Shape): KeepKernel {
  const { by: c, to } = s;
  if (s.compare === '==' || s.compare === '!=') {
    const eq = s.compare === '==';
    switch (s.arith) {
      case null:
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            if ((clean(it.value) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '+':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.value;
            if (((typeof a === 'number' ? fin(a + c) : add(clean(a), c)) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '-':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.value;
            if (((typeof a === 'number' ? fin(a - c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '*':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.value;
            if (((typeof a === 'number' ? fin(a * c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '/':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.value;
            if (((typeof a === 'number' ? fin(a / c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      case '%':
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.value;
            if (((typeof a === 'number' ? fin(a % c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
      default: // ^
        return (items, out) => {
          let kept = 0;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            const a = it.value;
            if (((typeof a === 'number' ? fin(a ** c) : null) === to) === eq) out[kept++] = it;
          }
          return kept;
        };
    }
  }
  const n = to as number;
  switch (s.compare) {
    case null:
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const v = clean(it.value);
          if (v === true || (v !== false && isTruthy(v))) out[kept++] = it;
        }
        return kept;
      };
    case '<':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.value;
          if (typeof a === 'number' && a - a === 0 && a < n) out[kept++] = it;
        }
        return kept;
      };
    case '<=':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.value;
          if (typeof a === 'number' && a - a === 0 && a <= n) out[kept++] = it;
        }
        return kept;
      };
    case '>':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.value;
          if (typeof a === 'number' && a - a === 0 && a > n) out[kept++] = it;
        }
        return kept;
      };
    default: // >=
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it.value;
          if (typeof a === 'number' && a - a === 0 && a >= n) out[kept++] = it;
        }
        return kept;
      };
  }
}
