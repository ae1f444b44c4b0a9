import { formatNumber, formatPercent, formatRate } from '../format/number-format.js';
import type { NodeTelemetry, TelemetryFrame } from '../protocol/telemetry.js';
import { type EdgeEnds, type HeldBack, heldBack } from './held-back.js';
import { fillWords, loadOf, loadWords } from './load-words.js';
import { byId, type NameOf } from './node-names.js';

export type { EdgeEnds } from './held-back.js';

/** Why a node limits throughput: one sentence with its numbers, then the evidence and advice. */
export interface Bottleneck {
  sentence: string;
  detail: string;
  /** Busy fraction, to pick the worst one when several are marked. */
  busy: number;
  /** Run time (ms) of the last frame that showed it. */
  seenAt: number;
  /** Run time (ms) of the first frame of the unbroken streak of frames that showed it. */
  since: number;
}

/**
 * Busy at least this much: the node has no spare capacity. A stage below it that still makes
 * its producer wait (an unbuffered edge with variable service times) is short of a buffer, not
 * of speed, and calling it the bottleneck would send the user to the wrong fix.
 */
export const BUSY_AT = 0.85;
/** A node waiting this much for room downstream is held back itself: the bottleneck is below it. */
export const BACKPRESSURED_BELOW = 0.2;
/** A mark stays this long after the last frame that showed it, so it does not flicker. */
export const HOLD_MS = 1_500;
/**
 * A node is shown as the bottleneck only after frames have shown it for this long without a
 * break: one 100 ms tick in which a stage with spare capacity happened to be busy while its
 * producer waited (random service times do that) says nothing about what limits the pipeline.
 */
export const CONFIRM_MS = 400;

/** Whether a candidate has been seen long enough, without a break, to be shown. */
export const isConfirmed = (b: Bottleneck): boolean => b.seenAt - b.since >= CONFIRM_MS;

/**
 * Below this utilization a node has spare capacity whatever its busy share says (a pool that
 * exactly keeps up is busy all the time at ρ 1.0; one at 0.8 only looks busy between bursts).
 */
export const UTILIZATION_AT = 0.9;

const saturated = (n: NodeTelemetry | undefined): n is NodeTelemetry =>
  n !== undefined &&
  n.busy >= BUSY_AT &&
  n.backpressured < BACKPRESSURED_BELOW &&
  (n.utilization === undefined || n.utilization >= UTILIZATION_AT);

/**
 * A replicated node (its frame lists its replicas) scales by adding replicas — the fix the
 * document offers it — so it is told that, not the in-process concurrency of one copy. No count:
 * the frame lists the replicas running now (one fewer while a lost one restarts), not the ×N drawn.
 */
const advice = (n: NodeTelemetry): string =>
  n.replicas && n.replicas.length > 0
    ? 'Make it faster or give it more replicas to raise throughput.'
    : 'Make it faster or give it more concurrency to raise throughput.';

/**
 * The sentence quotes the arithmetic when the frame carries it: "work is the bottleneck: 2,000
 * items/s offered × 2 ms ÷ 1 lane = 4.0 × what it can serve; e1 fills its 64 slots in 43 ms at
 * that rate, and src waits 75% of its time for room in e1." Without it (an older frame), the busy
 * share and rate.
 */
function sentenceOf(
  nodeId: string,
  n: NodeTelemetry,
  first: HeldBack,
  frame: TelemetryFrame,
  edges: readonly EdgeEnds[],
  name: string,
): string {
  const load = loadOf(nodeId, frame, edges);
  if (!load)
    return `${name} is the bottleneck: busy ${formatPercent(n.busy)} at ${formatRate(n.inRate)}, and ${first.words}.`;
  const fill = first.kind === 'blocked' ? fillWords(first.edgeId, frame, edges) : undefined;
  return `${name} is the bottleneck: ${loadWords(load)}; ${fill ? `${fill}, and ` : ''}${first.words}.`;
}

/**
 * A mark whose words (sentence, detail) are written the first time they are read: a frame can
 * mark dozens of nodes (a 500-node graph marked ~100 every tick, ≈25 ms/s of number formatting
 * in the editor) while only the banner's worst, a selected node and a hovered badge are read.
 * The words are those of the frame that found the mark, whenever they are read.
 */
function explain(
  nodeId: string,
  n: NodeTelemetry,
  evidence: HeldBack[],
  frame: TelemetryFrame,
  edges: readonly EdgeEnds[],
  name: string,
): Bottleneck {
  let words: { sentence: string; detail: string } | undefined;
  const say = () => {
    words ??= {
      sentence: sentenceOf(nodeId, n, evidence[0]!, frame, edges, name),
      detail: detailOf(n, evidence, frame),
    };
    return words;
  };
  return Object.defineProperties(
    { busy: n.busy, seenAt: frame.t, since: frame.t },
    {
      sentence: { get: () => say().sentence, enumerable: true },
      detail: { get: () => say().detail, enumerable: true },
    },
  ) as Bottleneck;
}

function detailOf(n: NodeTelemetry, evidence: HeldBack[], frame: TelemetryFrame): string {
  const queues = evidence.map((e) => {
    const q = frame.edges[e.edgeId]!;
    return `“${e.edgeId}” holds ${formatNumber(q.depth)}/${formatNumber(q.capacity)}`;
  });
  return (
    `Its input queue${queues.length > 1 ? 's' : ''} ${queues.join(', ')}` +
    (evidence.length > 1
      ? `; also ${evidence
          .slice(1)
          .map((e) => e.words)
          .join('; ')}. `
      : '. ') +
    advice(n)
  );
}

/** The same mark with another streak start, its words still unwritten if they were. */
const withSince = (b: Bottleneck, since: number): Bottleneck =>
  Object.defineProperties({} as Bottleneck, {
    ...Object.getOwnPropertyDescriptors(b),
    since: { value: since, enumerable: true, writable: true, configurable: true },
  });

/**
 * The nodes that limit throughput, each with the numbers it rests on. A node is marked only
 * when it is busy with no spare capacity, is not itself waiting on its outputs, and something
 * upstream is really held back by it: a producer blocked on its input queue, or a queue
 * dropping (or an open-loop source rejecting) what it cannot take. `previous`, an earlier
 * frame of the run, lets cumulative drop and reject counters count as rates. `nameOf` names the
 * nodes in the sentences ("Slow DB (work) is the bottleneck", see namesOf); ids by default.
 *
 * @example
 * //  src --e1 [64/64, 500/s, src blocked 75 %]--> work (2 ms, ρ 4.0) --e2--> out
 * findBottlenecks(frame, edges).work.sentence
 * // 'work is the bottleneck: 2,000 items/s offered × 2 ms ÷ 1 lane = 4.0 × what it can serve;
 * //  e1 fills its 64 slots in 43 ms at that rate, and src waits 75% of its time for room in e1.'
 */
export function findBottlenecks(
  frame: TelemetryFrame,
  edges: readonly EdgeEnds[],
  previous?: TelemetryFrame,
  nameOf: NameOf = byId,
): Record<string, Bottleneck> {
  const evidence = new Map<string, HeldBack[]>();
  for (const edge of edges) {
    if (!saturated(frame.nodes[edge.target])) continue;
    const held = heldBack(edge, frame, previous, nameOf);
    if (!held) continue;
    const list = evidence.get(edge.target) ?? [];
    list.push(held);
    evidence.set(edge.target, list);
  }
  const found: Record<string, Bottleneck> = {};
  for (const [nodeId, list] of evidence) {
    // Blocked producers first (the classic picture), then by how much is held back.
    list.sort((a, b) => Number(b.kind === 'blocked') - Number(a.kind === 'blocked') || b.weight - a.weight);
    found[nodeId] = explain(nodeId, frame.nodes[nodeId]!, list, frame, edges, nameOf(nodeId));
  }
  return found;
}

/**
 * The candidates after a frame: those `found` in it (keeping when their streak began), and
 * confirmed marks not found in it but seen within HOLD_MS, so a node whose producer hovers at a
 * threshold does not blink on and off at 10 Hz. An unconfirmed candidate not found is dropped
 * (its streak is broken); a node that is no longer saturated loses its mark at once.
 */
export function holdBottlenecks(
  held: Record<string, Bottleneck>,
  found: Record<string, Bottleneck>,
  frame: Pick<TelemetryFrame, 't' | 'nodes'>,
): Record<string, Bottleneck> {
  const next: Record<string, Bottleneck> = {};
  for (const [id, b] of Object.entries(found)) {
    const before = held[id];
    next[id] = before ? withSince(b, before.since) : b;
  }
  for (const [id, b] of Object.entries(held)) {
    if (!next[id] && isConfirmed(b) && saturated(frame.nodes[id]) && frame.t - b.seenAt < HOLD_MS)
      next[id] = b;
  }
  return next;
}

/** The confirmed mark of one node, if any: what the badge and the inspector show. */
export function shownBottleneck(all: Record<string, Bottleneck>, nodeId: string): Bottleneck | undefined {
  const b = all[nodeId];
  return b && isConfirmed(b) ? b : undefined;
}

/** The worst confirmed bottleneck (busiest), for the one-line banner. */
export function worstBottleneck(all: Record<string, Bottleneck>): [string, Bottleneck] | undefined {
  let worst: [string, Bottleneck] | undefined;
  for (const entry of Object.entries(all))
    if (isConfirmed(entry[1]) && (!worst || entry[1].busy > worst[1].busy)) worst = entry;
  return worst;
}
