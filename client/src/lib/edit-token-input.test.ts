import { describe, expect, it } from 'vitest';
import { parseEditTokenInput, slugFromLink } from './edit-token-input.js';

const TOKEN = 'V1StGXR8_Z5jdHi6B-myTkkk8a7dEhW0';

describe('a pasted edit token', () => {
  it('is taken as it was shown, with stray spaces, quotes or a copied "Bearer" removed', () => {
    for (const pasted of [TOKEN, `  ${TOKEN}\n`, `"${TOKEN}"`, `Bearer ${TOKEN}`, `bearer  '${TOKEN}' `])
      expect(parseEditTokenInput(pasted), pasted).toEqual({ token: TOKEN });
  });

  it('says what is wrong before asking the server', () => {
    expect(parseEditTokenInput('   ')).toEqual({ error: expect.stringMatching(/Paste/) });
    expect(parseEditTokenInput(`${TOKEN} ${TOKEN}`)).toEqual({ error: expect.stringMatching(/spaces/) });
    expect(parseEditTokenInput('http://x/g/abc')).toEqual({
      error: expect.stringMatching(/not an edit token/),
    });
    expect(parseEditTokenInput('short')).toEqual({ error: expect.stringMatching(/not an edit token/) });
  });
});

describe('a pasted share link', () => {
  it('gives the slug of a link or a bare slug, and null for anything else', () => {
    expect(slugFromLink('http://127.0.0.1:3000/g/k3m9x2p7q4rt')).toBe('k3m9x2p7q4rt');
    expect(slugFromLink(' https://sluice.example/g/k3m9x2p7q4rt/?x=1 ')).toBe('k3m9x2p7q4rt');
    expect(slugFromLink('k3m9x2p7q4rt')).toBe('k3m9x2p7q4rt');
    expect(slugFromLink('not a link')).toBeNull();
    expect(slugFromLink('https://sluice.example/other/k3m9')).toBeNull();
  });
});
