import { parentPort, workerData } from 'node:worker_threads';
// eslint-disable-next-line @nx/enforce-module-boundaries -- a worker thread runs only to audit: the main thread's lazy load (start-up of commands that audit nothing) does not apply here
import { PageAuditor, type FetchedPage, type PageAuditOptions } from '@seology/audit';
import { decodeHtml } from '../charset';
import type { AuditReply, AuditRequest } from './protocol';

/**
 * Worker-thread side of the page-audit pool: parses and audits pages as the crawl's thread hands
 * them over, and answers with the page-level result. Holds no site state.
 */
const port = parentPort;
if (port === null) throw new Error('page-audit-worker runs only as a worker thread');
const auditor = new PageAuditor((workerData as { options: PageAuditOptions }).options);

port.on('message', (request: AuditRequest) => {
  let reply: AuditReply;
  try {
    const page = request.page as FetchedPage;
    if (request.body !== null) {
      // Structured clone delivers a plain Uint8Array; view it as a Buffer without copying.
      const body = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
      page.html = decodeHtml(body, page.contentType).text;
    }
    reply = { id: request.id, audit: auditor.audit(page) };
  } catch (e) {
    reply = { id: request.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
});
