import { realpathSync } from 'node:fs';
import path from 'node:path';

export const TAIL_DISABLED = 'file-tail is disabled: set SLUICE_TAIL_DIR to a directory';

/** `exists` false: the file (not its folder) does not exist yet, which tail -F waits out. */
export type TailPath = { ok: true; file: string; exists: boolean } | { ok: false; message: string };

/**
 * Where a `file-tail` node's `path` really points, if that is inside SLUICE_TAIL_DIR. Graphs are
 * shared, so the path is untrusted: it is resolved against the directory, then every symlink and
 * `..` is resolved (realpath) before the check, so neither can lead out of it. A file that does
 * not exist yet is allowed when its folder is inside (its name cannot be a link yet).
 *
 * @example resolveTailPath('/var/log/app', '../../etc/passwd') // { ok: false, message: '… outside …' }
 */
export function resolveTailPath(tailDir: string | undefined, wanted: string): TailPath {
  if (tailDir === undefined || tailDir === '') return { ok: false, message: TAIL_DISABLED };
  let root: string;
  try {
    root = realpathSync(tailDir);
  } catch {
    return { ok: false, message: `SLUICE_TAIL_DIR (${tailDir}) is not a directory this server can read` };
  }
  const candidate = path.resolve(root, wanted);
  const outside = {
    ok: false as const,
    message: `"${wanted}" is outside SLUICE_TAIL_DIR: file-tail reads only there`,
  };
  try {
    const real = realpathSync(candidate);
    return inside(root, real) ? { ok: true, file: real, exists: true } : outside;
  } catch {
    let folder: string;
    try {
      folder = realpathSync(path.dirname(candidate));
    } catch {
      return inside(root, candidate) || candidate === root
        ? { ok: false, message: `"${wanted}": its folder does not exist in SLUICE_TAIL_DIR` }
        : outside;
    }
    const real = path.join(folder, path.basename(candidate));
    return inside(root, real) ? { ok: true, file: real, exists: false } : outside;
  }
}

function inside(root: string, real: string): boolean {
  return real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}
