/**
 * "just now", "5 min ago", "3 h ago", "2 days ago", then the date.
 *
 * @example relativeTime('2024-01-01T00:00:00Z', Date.parse('2024-01-01T00:05:00Z')) // '5 min ago'
 */
export function relativeTime(iso: string, now = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 45) return 'just now';
  if (s < 3_600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3_600)} h ago`;
  if (s < 7 * 86_400) {
    const d = Math.round(s / 86_400);
    return `${d} day${d === 1 ? '' : 's'} ago`;
  }
  return new Date(then).toISOString().slice(0, 10);
}
