import type { GroupColor } from '../../../shared/graph/graph-schema.js';

/** What each palette name draws: a border and title colour readable on the dark canvas, and a faint fill. */
export const GROUP_COLOURS: Record<GroupColor, { stroke: string; fill: string }> = {
  slate: { stroke: '#94a3b8', fill: 'rgba(148, 163, 184, 0.07)' },
  blue: { stroke: '#60a5fa', fill: 'rgba(96, 165, 250, 0.08)' },
  teal: { stroke: '#2dd4bf', fill: 'rgba(45, 212, 191, 0.08)' },
  green: { stroke: '#4ade80', fill: 'rgba(74, 222, 128, 0.07)' },
  amber: { stroke: '#fbbf24', fill: 'rgba(251, 191, 36, 0.07)' },
  orange: { stroke: '#fb923c', fill: 'rgba(251, 146, 60, 0.08)' },
  red: { stroke: '#f87171', fill: 'rgba(248, 113, 113, 0.08)' },
  violet: { stroke: '#a78bfa', fill: 'rgba(167, 139, 250, 0.08)' },
  pink: { stroke: '#f472b6', fill: 'rgba(244, 114, 182, 0.08)' },
};
