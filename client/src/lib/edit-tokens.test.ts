import { beforeEach, describe, expect, it } from 'vitest';
import { editTokenFor, forgetEditToken, heldEditTokens, setEditToken } from './edit-tokens.js';

/** The browser's Storage, as far as edit-tokens uses it (Node has none). */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, String(v));
  removeItem = (k: string) => void this.items.delete(k);
  clear = () => this.items.clear();
}

beforeEach(() => {
  (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
  for (const id of ['a', 'b', 'c', 'd']) forgetEditToken(id);
});

describe('the edit tokens this browser holds', () => {
  it('lists the newest last and keeps only the newest `max` of them', () => {
    // ARRANGE
    setEditToken('a', 'token-a');
    setEditToken('b', 'token-b');
    setEditToken('c', 'token-c');
    // ACT: a claim on an old graph makes its token the newest again
    setEditToken('a', 'token-a');
    // ASSERT
    expect(heldEditTokens(10)).toEqual(['token-b', 'token-c', 'token-a']);
    expect(heldEditTokens(2)).toEqual(['token-c', 'token-a']);
  });

  it('forgets a refused token, and keeps tokens for the page when storage is refused', () => {
    setEditToken('a', 'token-a');
    forgetEditToken('a');
    expect(editTokenFor('a')).toBeUndefined();
    expect(heldEditTokens(10)).toEqual([]);

    // Private mode: storage throws; the token still works until the page goes.
    (globalThis as { localStorage?: unknown }).localStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    setEditToken('d', 'token-d');
    expect(editTokenFor('d')).toBe('token-d');
    expect(heldEditTokens(10)).toEqual(['token-d']);
  });
});
