/**
 * Splits catalog docs on backticks into plain and code parts. An unmatched backtick stays text.
 *
 * @example splitDocText('at `rate` items/s') // [{text:'at ',code:false},{text:'rate',code:true},{text:' items/s',code:false}]
 */
export function splitDocText(text: string): Array<{ text: string; code: boolean }> {
  const parts: Array<{ text: string; code: boolean }> = [];
  const re = /`([^`]+)`/g;
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), code: false });
    parts.push({ text: m[1] ?? '', code: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), code: false });
  return parts;
}
