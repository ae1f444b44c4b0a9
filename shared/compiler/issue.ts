/** A located compile problem: the client draws it on the node or edge it names. */
export interface Issue {
  /** Dot path into the graph document, e.g. `nodes.2.params.rate`. */
  path: string;
  nodeId?: string;
  edgeId?: string;
  message: string;
}

export type PassResult<T> = { ok: true; value: T; issues: Issue[] } | { ok: false; issues: Issue[] };
