import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcFunction = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async'; flavor?: string }) => void;

/**
 * V8's full garbage collection, in its "last resort" flavour (collect until
 * nothing more goes, then give free pages back to the system: a plain full
 * collection frees the objects but keeps the heap's pages), as a function, without starting Node.js with
 * `--expose-gc` (which would mean a second process or a flag every operator
 * must pass): the flag is turned on just long enough for a new context to
 * receive `gc`, then off again, so no other code sees a global `gc`.
 * Undefined where V8 refuses (the collector then stays off).
 */
export function exposeGc(): (() => void) | undefined {
  const collect = (globalThis as { gc?: unknown }).gc ?? fromNewContext();
  if (typeof collect !== 'function') return undefined;
  return () => {
    // A last-resort collection would also throw away every function's bytecode (and with it what the
    // optimizing compiler learned): the next thousands of calls ran 20–40% slower while it was rebuilt.
    // The memory is in the heap's pages, not the code, so the code stays.
    setFlagsFromString('--no-flush-bytecode');
    try {
      (collect as GcFunction)({ type: 'major', flavor: 'last-resort' });
    } finally {
      setFlagsFromString('--flush-bytecode');
    }
  };
}

function fromNewContext(): unknown {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc');
  } catch {
    return undefined;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
