import { type Compiled, constant, dynamic } from './compiled.js';
import { isTruthy } from './values.js';

/**
 * `and` / `or` short-circuit and always return a boolean. When both sides are known to be
 * boolean (comparisons, `not`, `in`, `~=`) the closure skips the truthiness test.
 * A constant left side folds: `false and x` is false, `true and x` is bool(x).
 */
export function compileLogical(op: 'and' | 'or', left: Compiled, right: Compiled): Compiled {
  if (left.isConst) {
    const l = isTruthy(left.value);
    if (op === 'and' ? !l : l) return constant(l);
    return right.isConst ? constant(isTruthy(right.value)) : toBool(right);
  }
  const lf = left.fn;
  const rf = right.fn;
  if (left.bool && right.bool) {
    return dynamic(
      op === 'and'
        ? (it) => (lf(it) as boolean) && (rf(it) as boolean)
        : (it) => (lf(it) as boolean) || (rf(it) as boolean),
      true,
    );
  }
  return dynamic(
    op === 'and'
      ? (it) => isTruthy(lf(it)) && isTruthy(rf(it))
      : (it) => isTruthy(lf(it)) || isTruthy(rf(it)),
    true,
  );
}

export function compileNot(operand: Compiled): Compiled {
  if (operand.isConst) return constant(!isTruthy(operand.value));
  const f = operand.fn;
  return dynamic(operand.bool ? (it) => !f(it) : (it) => !isTruthy(f(it)), true);
}

/** `if c then a else b`; a constant condition picks its branch at compile time. */
export function compileIf(cond: Compiled, then: Compiled, otherwise: Compiled): Compiled {
  if (cond.isConst) return isTruthy(cond.value) ? then : otherwise;
  const cf = cond.fn;
  const tf = then.fn;
  const ef = otherwise.fn;
  const bool = then.bool && otherwise.bool;
  if (cond.bool) return dynamic((it) => (cf(it) ? tf(it) : ef(it)), bool);
  return dynamic((it) => (isTruthy(cf(it)) ? tf(it) : ef(it)), bool);
}

function toBool(c: Compiled): Compiled {
  if (c.bool) return c;
  const f = c.fn;
  return dynamic((it) => isTruthy(f(it)), true);
}
