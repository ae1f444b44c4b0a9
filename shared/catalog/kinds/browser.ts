import { defineKind } from '../define-kind.js';

export const browserKind = defineKind({
  kind: 'browser',
  title: 'Browser',
  category: 'sink',
  icon: '▤',
  summary: 'Shows items live in the UI, pulled with credits',
  docs:
    'A credit-based consumer: the UI asks for n more items (socket event `sink:credit`) and the sink ' +
    'delivers at most that many, as `sink:items`, to everyone watching the run. With no credit it ' +
    'takes nothing, so its input queue fills and backpressure travels upstream — pause the view and ' +
    'watch the graph back up. Credits start at 0.',
  inputs: ['in'],
  outputs: [],
  params: {},
  live: [],
  notReplicable:
    'credits from the UI would reach every replica, so the UI would receive up to n × the items it asked for',
});
