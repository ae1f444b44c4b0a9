/**
 * What someone pastes as an edit token: the token itself, often with a stray space, quotes or a
 * copied `Bearer ` in front. Returns the token, or why it cannot be one (said before asking the
 * server, which answers 403 to anything that does not open the graph).
 *
 * @example parseEditTokenInput('  Bearer V1StGXR8_Z5jdHi6B-myTkkk8a7dEhW0 ') // { token: 'V1St…' }
 * @example parseEditTokenInput('') // { error: 'Paste the edit token you were shown when you first saved' }
 */
export function parseEditTokenInput(text: string): { token: string } | { error: string } {
  const token = text
    .trim()
    .replace(/^bearer\s+/i, '')
    .replace(/^["'`]+|["'`]+$/g, '')
    .trim();
  if (token === '') return { error: 'Paste the edit token you were shown when you first saved' };
  if (/\s/.test(token)) return { error: 'An edit token is one word, without spaces' };
  if (!/^[A-Za-z0-9_-]{16,200}$/.test(token))
    return { error: 'That is not an edit token: it has 32 letters, digits, "-" and "_"' };
  return { token };
}

const SLUG_IN_PATH = /\/g\/([A-Za-z0-9_-]{1,64})\/?(?:[?#].*)?$/;

/**
 * A graph's slug from a pasted share link (`https://host/g/<slug>`) or the bare slug.
 *
 * @example slugFromLink('http://127.0.0.1:3000/g/k3m9x2p7q4rt') // 'k3m9x2p7q4rt'
 * @example slugFromLink('k3m9x2p7q4rt') // 'k3m9x2p7q4rt'
 * @example slugFromLink('not a link') // null
 */
export function slugFromLink(text: string): string | null {
  const t = text.trim();
  if (/^[A-Za-z0-9_-]{1,64}$/.test(t)) return t;
  return SLUG_IN_PATH.exec(t)?.[1] ?? null;
}
