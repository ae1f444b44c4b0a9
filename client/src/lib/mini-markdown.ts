/**
 * The Markdown subset notes are written in, parsed to plain data that React renders as text
 * nodes — never as HTML, so a shared graph's note cannot inject markup or script. Blocks:
 * `#`/`##`/`###` headings, `-`/`*` bullet lists, paragraphs. Inline: **bold**, *italic*, `code`,
 * and [links](https://…) to http(s) only (anything else stays text).
 */
export type Inline =
  | { t: 'text'; v: string }
  | { t: 'b' | 'i' | 'code'; v: string }
  | { t: 'a'; v: string; href: string };
export type Block =
  | { t: 'h'; level: 1 | 2 | 3; v: Inline[] }
  | { t: 'ul'; items: Inline[][] }
  | { t: 'p'; v: Inline[] };

const INLINE = /\*\*([^*]+)\*\*|\*([^*]+)\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ t: 'text', v: text.slice(last, at) });
    if (m[1] !== undefined) out.push({ t: 'b', v: m[1] });
    else if (m[2] !== undefined) out.push({ t: 'i', v: m[2] });
    else if (m[3] !== undefined) out.push({ t: 'code', v: m[3] });
    else if (/^https?:\/\//i.test(m[5] ?? '')) out.push({ t: 'a', v: m[4]!, href: m[5]! });
    else out.push({ t: 'text', v: m[0] });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ t: 'text', v: text.slice(last) });
  return out;
}

/** @example parseMarkdown('# Hi\n- a\n- b') // [{ t: 'h', level: 1, … }, { t: 'ul', items: [[…], […]] }] */
export function parseMarkdown(text: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: Inline[][] | null = null;
  const flush = () => {
    if (para.length > 0) blocks.push({ t: 'p', v: parseInline(para.join(' ')) });
    para = [];
    if (list) blocks.push({ t: 'ul', items: list });
    list = null;
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const bullet = /^[-*]\s+(.*)$/.exec(line);
    if (line === '') flush();
    else if (heading) {
      flush();
      blocks.push({ t: 'h', level: heading[1]!.length as 1 | 2 | 3, v: parseInline(heading[2]!) });
    } else if (bullet) {
      if (para.length > 0) flush();
      list ??= [];
      list.push(parseInline(bullet[1]!));
    } else {
      if (list) flush();
      para.push(line);
    }
  }
  flush();
  return blocks;
}
