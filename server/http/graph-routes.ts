import { type Request, Router } from 'express';
import type {
  ClaimGraphResponse,
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
import type { GraphValidator } from '../validation/graph-validator.js';
import { HttpError } from './api-error.js';
import { bearerToken, bearerTokens } from './edit-auth.js';
import { parseBody } from './parse-body.js';

const notFound = (what: string) => new HttpError(404, 'not_found', `no graph "${what}"`);

/** Opaque to clients; today the id of the last graph on the page (one of the caller's own). */
const encodeCursor = (id: string) => Buffer.from(`i${id}`).toString('base64url');
function decodeCursor(cursor: string): string {
  const m = /^i([A-Za-z0-9_-]{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!m) throw badCursor();
  return m[1]!;
}
const badCursor = () => new HttpError(400, 'invalid_request', 'cursor is not one this server gave out');

/** Whether the request carries this graph's edit token (reads that show its owner more). */
async function ownerOf(req: Request, store: GraphStore, id: string): Promise<boolean> {
  const match = /^Bearer ([\x21-\x7e]{1,200})$/.exec(req.get('authorization') ?? '');
  return match !== null && (await store.authorize(id, match[1]!)) === 'ok';
}

/**
 * Saved graphs: immutable revisions, a public slug for reading, an edit token for saving.
 * Documents are validated by `validator`, in its own thread.
 */
export function graphRoutes(store: GraphStore, limits: Limits, validator: GraphValidator): Router {
  const r = Router();

  r.post('/graphs', async (req, res) => {
    const { graph, runIssues } = await validator.save(req.body, limits);
    const out: CreateGraphResponse = { ...(await store.create(graph)), issues: runIssues };
    res.status(201).json(out);
  });

  // Only the caller's own graphs (by the edit tokens it sends): a slug is the one way to anyone else's.
  r.get('/graphs', async (req, res) => {
    const q = parseBody(listGraphsQuerySchema, { ...req.query });
    const tokens = bearerTokens(req);
    const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    if (tokens.length === 0 && after !== undefined) throw badCursor();
    const page =
      tokens.length === 0 ? { graphs: [], next: null } : await store.listOwned(tokens, q.limit, after);
    if (page === 'bad_cursor') throw badCursor();
    const out: GraphListResponse = {
      graphs: page.graphs,
      nextCursor: page.next === null ? null : encodeCursor(page.next),
    };
    res.json(out);
  });

  r.get('/graphs/:idOrSlug', async (req, res) => {
    const g = await store.find(req.params.idOrSlug);
    if (!g) throw notFound(req.params.idOrSlug);
    const out: GraphResponse = { ...g, forkedFrom: (await ownerOf(req, store, g.id)) ? g.forkedFrom : null };
    res.json(out);
  });

  // Edit rights on another browser: the owner pastes the token; 200 when it opens this graph.
  r.post('/graphs/:idOrSlug/claim', async (req, res) => {
    const token = bearerToken(req, 'claiming');
    const g = await store.find(req.params.idOrSlug);
    if (!g) throw notFound(req.params.idOrSlug);
    if ((await store.authorize(g.id, token)) !== 'ok')
      throw new HttpError(403, 'forbidden', 'that edit token does not open this graph');
    const out: ClaimGraphResponse = { id: g.id, slug: g.slug, revision: g.revision };
    res.json(out);
  });

  r.put('/graphs/:id', async (req, res) => {
    const token = bearerToken(req);
    const access = await store.authorize(req.params.id, token);
    if (access === 'not_found') throw notFound(req.params.id);
    if (access === 'forbidden') throw new HttpError(403, 'forbidden', 'the edit token does not match');
    const { graph, runIssues } = await validator.save(req.body, limits);
    const saved = await store.update(req.params.id, graph);
    if (!saved) throw notFound(req.params.id);
    const out: UpdateGraphResponse = { revision: saved.revision, issues: runIssues };
    res.json(out);
  });

  r.get('/graphs/:idOrSlug/revisions', async (req, res) => {
    const found = await store.revisions(req.params.idOrSlug);
    if (!found) throw notFound(req.params.idOrSlug);
    const out: RevisionListResponse = { revisions: found.revisions };
    res.json(out);
  });

  r.get('/graphs/:idOrSlug/revisions/:rev', async (req, res) => {
    const rev = revisionParamSchema.safeParse(req.params.rev);
    const g = rev.success ? await store.find(req.params.idOrSlug) : undefined;
    const found = g && rev.success ? await store.revision(g.id, rev.data) : undefined;
    if (!found)
      throw new HttpError(404, 'not_found', `no revision "${req.params.rev}" of "${req.params.idOrSlug}"`);
    const out: RevisionResponse = found;
    res.json(out);
  });

  r.post('/graphs/:idOrSlug/fork', async (req, res) => {
    const body = parseBody(forkGraphRequestSchema, req.body);
    const source = await store.find(req.params.idOrSlug);
    if (!source) throw notFound(req.params.idOrSlug);
    const doc =
      body.revision === undefined ? source.graph : (await store.revision(source.id, body.revision))?.graph;
    if (doc === undefined)
      throw new HttpError(404, 'not_found', `no revision ${body.revision} of "${source.id}"`);
    const graph = { ...(doc as { name: string }), ...(body.name === undefined ? {} : { name: body.name }) };
    const issues = await validator.issues(graph);
    const out: CreateGraphResponse = { ...(await store.create(graph, source.id)), issues };
    res.status(201).json(out);
  });

  return r;
}
