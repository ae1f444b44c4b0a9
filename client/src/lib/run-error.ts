import type { RunError } from '../../../shared/protocol/telemetry.js';

/** A run's failure in words, with the failing node named once. */
export interface RunErrorText {
  nodeId?: string;
  /** The reason alone, without the node's name in front of it. */
  reason: string;
  /** One line: `worker failed: simulated failure (item 17)`. */
  text: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The server names the node in the message as well as in `nodeId` (`work: …`, and an error
 * thrown by a node may say `node work failed: …` again): strip every such prefix so the node
 * is named once, by the words around it.
 *
 * @example describeRunError({ nodeId: 'w', message: 'w: node w failed: boom' }).text // 'w failed: boom'
 */
export function describeRunError(error: RunError): RunErrorText {
  const { nodeId } = error;
  let reason = error.message.trim();
  if (nodeId) {
    const prefix = new RegExp(
      `^(?:node\\s+)?[“"']?${escapeRegExp(nodeId)}[”"']?(?:\\s+failed)?\\s*:\\s*`,
      'i',
    );
    for (let next = reason.replace(prefix, ''); next !== reason; next = reason.replace(prefix, ''))
      reason = next;
  }
  reason ||= 'failed without a message';
  return nodeId ? { nodeId, reason, text: `${nodeId} failed: ${reason}` } : { reason, text: reason };
}
