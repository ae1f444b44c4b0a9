import { asyncGenerators } from './async-generators.js';
import { highlandPeer } from './highland.js';
import { nodeStreams } from './node-streams.js';
import { rxjsPeer } from './rxjs.js';
import { syncLoop } from './sync-loop.js';
import { webStreams } from './web-streams.js';
import type { Peer } from './workload.js';

/** Every peer, in the order the tables print them; the ratio baseline is the one named BASELINE. */
export const BASELINE = 'Node streams hwm 16';

export function allPeers(): Peer[] {
  return [syncLoop, rxjsPeer, nodeStreams(16), nodeStreams(1024), highlandPeer, asyncGenerators, webStreams];
}
