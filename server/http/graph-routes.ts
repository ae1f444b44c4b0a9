import { type Request, Router } from 'express';
import { compileGraph } from '../../shared/compiler/compile.js';
import type {
  CreateGraphResponse,
  GraphListResponse,
  GraphResponse,
  RevisionListResponse,
  RevisionResponse,
  UpdateGraphResponse,
} from '../../shared/protocol/api.js';
import {
  forkGraphRequestSchema,
  listGraphsQuerySchema,
  revisionParamSchema,
} from '../../shared/protocol/api.js';
import type { Limits } from '../config.js';
import type { GraphStore } from '../store/graph-store.js';
import { HttpError } from './api-error.js';
import { parseBody } from './parse-body.js';
import { validateGraphDocument } from './validate-graph.js';

const notFound = (what: string) => new HttpError(404, 'not_found', `no graph "${what}"`);

/** `Authorization: Bearer <editToken>`; 401 when absent or malformed, so clients know to send one. */
function bearerToken(req: Request): string {
  const match = /^Bearer ([\x21-\x7e]{1,200})$/.exec(req.get('authorization') ?? '');
  if (!match) throw new HttpError(401, 'unauthorized', 'saving needs "Authorization: Bearer <editToken>"');
  return match[1]!;
}

/** Opaque to clients; today the creation sequence number of the last graph on the page. */
const encodeCursor = (seq: number) => Buffer.from(`g${seq}`).toString('base64url');
function decodeCursor(cursor: string): number {
  const m = /^g(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!m) throw new HttpError(400, 'invalid_request', 'cursor is not one this server gave out');
  return Number(m[1]);
}

/** Saved graphs: immutable revisions, a public slug for reading, an edit token for saving. */
export function graphRoutes(store: GraphStore, limits: Limits): Router {
  const r = Router();

  r.post('/graphs', (req, res) => {
    const { graph, runIssues } = validateGraphDocument(req.body, limits);
    const out: CreateGraphResponse = { ...store.create(graph), issues: runIssues };
    res.status(201).json(out);
  });

  r.get('/graphs', (req, res) => {
    const q = parseBody(listGraphsQuerySchema, { ...req.query });
    const page = store.list(q.limit, q.cursor === undefined ? undefined : decodeCursor(q.cursor));
    const out: GraphListResponse = {
      graphs: page.graphs,
      nextCursor: page.next === null ? null : encodeCursor(page.next),
    };
    res.json(out);
  });

  r.get('/graphs/:idOrSlug', (req, res) => {
    const g = store.find(req.params.idOrSlug);
    if (!g) throw notFound(req.params.idOrSlug);
    const out: GraphResponse = g;
    res.json(out);
  });

  r.put('/graphs/:id', (req, res) => {
    const token = bearerToken(req);
    const access = store.authorize(req.params.id, token);
    if (access === 'not_found') throw notFound(req.params.id);
    if (access === 'forbidden') throw new HttpError(403, 'forbidden', 'the edit token does not match');
    const { graph, runIssues } = validateGraphDocument(req.body, limits);
    const saved = store.update(req.params.id, graph);
    if (!saved) throw notFound(req.params.id);
    const out: UpdateGraphResponse = { revision: saved.revision, issues: runIssues };
    res.json(out);
  });

  r.get('/graphs/:idOrSlug/revisions', (req, res) => {
    const found = store.revisions(req.params.idOrSlug);
    if (!found) throw notFound(req.params.idOrSlug);
    const out: RevisionListResponse = { revisions: found.revisions };
    res.json(out);
  });

  r.get('/graphs/:idOrSlug/revisions/:rev', (req, res) => {
    const rev = revisionParamSchema.safeParse(req.params.rev);
    const g = store.find(req.params.idOrSlug);
    const found = g && rev.success ? store.revision(g.id, rev.data) : undefined;
    if (!found)
      throw new HttpError(404, 'not_found', `no revision "${req.params.rev}" of "${req.params.idOrSlug}"`);
    const out: RevisionResponse = found;
    res.json(out);
  });

  r.post('/graphs/:idOrSlug/fork', (req, res) => {
    const body = parseBody(forkGraphRequestSchema, req.body);
    const source = store.find(req.params.idOrSlug);
    if (!source) throw notFound(req.params.idOrSlug);
    const doc = body.revision === undefined ? source.graph : store.revision(source.id, body.revision)?.graph;
    if (doc === undefined)
      throw new HttpError(404, 'not_found', `no revision ${body.revision} of "${source.id}"`);
    const graph = { ...(doc as { name: string }), ...(body.name === undefined ? {} : { name: body.name }) };
    const compiled = compileGraph(graph);
    const out: CreateGraphResponse = {
      ...store.create(graph, source.id),
      issues: compiled.ok ? [] : compiled.issues,
    };
    res.status(201).json(out);
  });

  return r;
}
