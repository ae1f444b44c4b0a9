import { beforeEach, describe, expect, it } from 'vitest';
import { outstanding, useSinkStore } from './sink-store.js';

// After a reconnect the items that open credits paid for went to a socket that was gone: the
// page counts them as used and opens them again (socket-client.ts regrantCredits).
describe('sink store: open credits after a reconnect', () => {
  beforeEach(() => useSinkStore.getState().clear());

  it('returns what each sink had open, with its mode, and leaves none open', () => {
    const s = useSinkStore.getState();
    s.setAuto('auto', true);
    s.granted('auto', 64);
    s.received(
      'auto',
      Array.from({ length: 24 }, (_, i) => i),
    );
    s.granted('manual', 10);
    s.received('manual', [1, 2, 3]);
    s.granted('spent', 2);
    s.received('spent', [1, 2]);

    const owed = useSinkStore.getState().forgetOpenCredits();

    expect(owed).toEqual({
      auto: { auto: true, open: 40 },
      manual: { auto: false, open: 7 },
      spent: { auto: false, open: 0 },
    });
    const after = useSinkStore.getState().sinks;
    for (const id of ['auto', 'manual', 'spent']) expect(outstanding(after[id]!)).toBe(0);
    // Items and counts stay on the page; only the credits are forgotten.
    expect(after.manual).toMatchObject({ received: 3, granted: 3, auto: false });
    expect(after.auto?.items).toHaveLength(24);
    expect(after.auto?.auto).toBe(true);
  });
});
