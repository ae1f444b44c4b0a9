import { Router } from 'express';
import type { ExamplesResponse } from '../../shared/examples/example-schema.js';
import { EXAMPLES } from '../../shared/examples/gallery.js';

/** The teaching gallery: ready-made graphs with their lessons. Static data, the same for everyone. */
export function examplesRoutes(): Router {
  const r = Router();
  const body: ExamplesResponse = { examples: [...EXAMPLES] };
  r.get('/examples', (_req, res) => {
    res.json(body);
  });
  return r;
}
