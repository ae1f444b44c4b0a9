import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { httpPostKind } from '../../../shared/catalog/kinds/http-post.js';
import { VERSION } from '../../../shared/version.js';
import { checkUrl, DEFAULT_EGRESS, type EgressPolicy, egressPolicy } from '../egress-policy.js';
import type { AsyncBehavior, NodeContext } from '../node-behavior.js';

type Params = ParamsOf<typeof httpPostKind>;

/**
 * Posts items as JSON. Requests go through node:http with a lookup that checks every DNS answer
 * against the egress policy (see `egress-policy.ts`), redirects are never followed (a 3xx is a
 * failure: a redirect could point anywhere), and answers are read and thrown away unbuffered.
 */
export function createHttpPost(ctx: NodeContext<Params>): AsyncBehavior {
  const p = ctx.params;
  const url = new URL(p.url);
  const policy = egressPolicy(ctx.env?.httpPostAllow ?? DEFAULT_EGRESS);
  const client = url.protocol === 'https:' ? https : http;
  const agent = new client.Agent({ keepAlive: true, maxSockets: p.concurrency });
  const lookup = guardedLookup(policy);
  const target = `${url.origin}${url.pathname}`; // for messages: never the query, which may hold a key

  return {
    type: 'async',
    batchSize: p.batchSize,
    concurrency: p.concurrency,
    handle(items, signal) {
      const decision = checkUrl(policy, url);
      if (decision === 'deny')
        return Promise.reject(new Error(`${url.hostname} is not allowed by SLUICE_HTTP_POST_ALLOW`));
      const body = JSON.stringify(p.batchSize > 1 ? items : items[0]);
      return new Promise<number>((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        const req = client.request(
          url,
          {
            method: 'POST',
            agent,
            signal,
            ...(decision === 'resolve' ? { lookup } : {}),
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              'user-agent': `sluice/${VERSION}`,
            },
          },
          (res) => {
            res.resume(); // the answer's body is not kept: a webhook's reply cannot fill memory
            res.on('error', (err) => {
              clearTimeout(timer);
              reject(err);
            });
            res.on('end', () => {
              clearTimeout(timer);
              const status = res.statusCode ?? 0;
              if (status >= 200 && status < 300) resolve(0);
              else reject(new Error(`HTTP ${status} from ${target}`));
            });
          },
        );
        timer = setTimeout(
          () => req.destroy(new Error(`no answer from ${target} within ${p.timeoutMs} ms`)),
          p.timeoutMs,
        );
        req.on('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
        req.end(body);
      });
    },
    async close() {
      agent.destroy();
    },
  };
}

/** A DNS lookup that only returns addresses the policy allows, and fails when none is. */
function guardedLookup(policy: EgressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const allowed = addresses.filter((a) => policy.addressAllowed(a.address));
      if (allowed.length === 0) {
        const first = addresses[0]?.address ?? 'nothing';
        const denied = Object.assign(
          new Error(`${hostname} resolves to ${first}, which SLUICE_HTTP_POST_ALLOW does not allow`),
          { code: 'EGRESS_DENIED' },
        );
        return callback(denied, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}
