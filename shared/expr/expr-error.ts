/**
 * The only error the expression language raises. `position` is a 0-based offset into the
 * source so the inspector can underline it; `token` is the offending text or name.
 *
 * @example
 * try { compileOrThrow('(1 + 2'); } catch (e) { if (e instanceof ExprError) e.position; // 6 }
 */
export class ExprError extends Error {
  override readonly name = 'ExprError';
  readonly position: number;
  readonly token: string;

  constructor(message: string, position: number, token: string) {
    super(message);
    this.position = position;
    this.token = token;
  }
}
