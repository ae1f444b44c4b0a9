import { defineKind } from '../define-kind.js';

export const counterKind = defineKind({
  kind: 'counter',
  title: 'Counter',
  category: 'sink',
  icon: '#',
  summary: 'Counts items and discards them',
  docs: 'Takes every item as fast as it arrives, counts it and records its end-to-end latency.',
  inputs: ['in'],
  outputs: [],
  params: {},
  live: [],
  fusable: true,
});
