import { listen, queryOf, sendHtml, type RecordedRequest } from './http-server';

export interface StaticPage {
  status?: number;
  html: string;
  headers?: Record<string, string>;
}

export interface StaticSiteServer {
  /** "http://127.0.0.1:PORT" */
  url: string;
  /** Replaces or adds the page served at `path` (exact path match, query ignored). */
  setPage(path: string, page: string | StaticPage): void;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A plain web site of fixed HTML pages: the "any site" the snippet is installed on. */
export async function startStaticSiteServer(pages: Record<string, string | StaticPage> = {}): Promise<StaticSiteServer> {
  const table = new Map<string, StaticPage>();
  const set = (path: string, page: string | StaticPage) => table.set(path, typeof page === 'string' ? { html: page } : page);
  for (const [p, v] of Object.entries(pages)) set(p, v);
  const requests: RecordedRequest[] = [];
  const listening = await listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: queryOf(url), status: 0, principal: null, label: 'page' };
    requests.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    const page = table.get(url.pathname);
    if (!page) return sendHtml(res, 404, '<!doctype html><title>Not found</title><h1>Not found</h1>');
    sendHtml(res, page.status ?? 200, page.html, page.headers ?? {});
  });
  return { url: listening.origin, setPage: set, requests, close: () => listening.close() };
}
