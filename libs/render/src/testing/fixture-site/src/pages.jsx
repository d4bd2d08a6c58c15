import { useEffect, useState } from 'react';

const head = (title, description, canonical, h1, robots = 'index,follow') => ({ title, description, canonical, h1, robots });

function Links({ hrefs }) {
  return (
    <ul className="links">
      {hrefs.map((h) => (
        <li key={h}>
          <a href={h}>{h}</a>
        </li>
      ))}
    </ul>
  );
}

function Home() {
  return (
    <section>
      <p className="content">Rendered on the client: this paragraph, the title, the description and every link exist only after JavaScript runs.</p>
      <Links hrefs={['/products', '/products/widget', '/about', '/gen/1']} />
    </section>
  );
}

/** Content that arrives with an API call after the first render, like most SPAs. */
function Products() {
  const [items, setItems] = useState(null);
  useEffect(() => {
    fetch('/api/products')
      .then((r) => r.json())
      .then(setItems, () => setItems([]));
  }, []);
  if (items === null) return <p>Loading…</p>;
  return (
    <section>
      <p className="content">{items.length} products loaded from the API.</p>
      <Links hrefs={items.map((i) => `/products/${i}`)} />
    </section>
  );
}

function Widget() {
  return <p className="content">The widget: a product page rendered on the client.</p>;
}

function About() {
  return (
    <section>
      <p className="content">About the render fixture.</p>
      <Links hrefs={['/', '/products']} />
    </section>
  );
}

/** Renders, then throws outside React (an uncaught page error). */
function Throws() {
  useEffect(() => {
    setTimeout(() => {
      throw new Error('fixture: uncaught error after render');
    }, 0);
  }, []);
  return <p className="content">This page throws after it rendered.</p>;
}

/** Never reaches network idle: one request is never answered and another starts every 100 ms. */
function NeverSettles() {
  useEffect(() => {
    fetch('/api/hang').catch(() => undefined);
    const t = setInterval(() => fetch('/api/tick').catch(() => undefined), 100);
    return () => clearInterval(t);
  }, []);
  return <p className="content">Partial content rendered before the network settles.</p>;
}

/** Tries to reach internal addresses from the browser: every attempt must be refused before it leaves. */
function Internal({ query }) {
  const port = query.get('port') ?? '1';
  const [done, setDone] = useState(false);
  useEffect(() => {
    const targets = [
      `http://127.0.0.1:${port}/secret`,
      `http://localhost:${port}/secret-localhost`,
      `http://internal.test:${port}/secret-rebind`,
      'http://169.254.169.254/latest/meta-data/',
      `http://[::1]:${port}/secret-v6`,
    ];
    Promise.allSettled(targets.map((u) => fetch(u, { mode: 'no-cors' }))).then(() => setDone(true));
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/socket`);
      ws.onerror = () => undefined;
    } catch {
      // refused synchronously
    }
    const s = document.createElement('script');
    s.src = `http://127.0.0.1:${port}/secret.js`;
    document.body.appendChild(s);
  }, [port]);
  return (
    <section>
      <p className="content">{done ? 'Internal probes finished.' : 'Probing internal addresses…'}</p>
      <iframe title="probe" src={`http://127.0.0.1:${port}/secret-frame`} />
    </section>
  );
}

/** Images, fonts and media the renderer must not download. */
function Media() {
  return (
    <section>
      <style>{`@font-face { font-family: FixtureFont; src: url(/fonts/fixture.woff2) format('woff2'); } .fancy { font-family: FixtureFont, serif; }`}</style>
      <p className="content fancy">A page with an image, a font and a video.</p>
      <img src="/img/photo.jpg" alt="photo" width="10" height="10" />
      <video src="/media/clip.mp4" autoPlay muted />
      <audio src="/media/sound.mp3" autoPlay />
    </section>
  );
}

/** Allocates without bound: the renderer's V8 heap cap ends it (a renderer crash). */
function Crash() {
  useEffect(() => {
    setTimeout(() => {
      const hoard = [];
      for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
    }, 0);
  }, []);
  return <p className="content">About to exhaust memory.</p>;
}

/** A script that never yields. */
function Loop() {
  useEffect(() => {
    setTimeout(() => {
      for (;;) {
        // spin
      }
    }, 0);
  }, []);
  return <p className="content">About to spin forever.</p>;
}

/** Waits on a slow API call (concurrency tests count these at the server). */
function Slow({ query }) {
  const [text, setText] = useState('waiting');
  useEffect(() => {
    fetch(`/api/slow?ms=${query.get('ms') ?? '300'}`)
      .then((r) => r.text())
      .then(setText);
  }, [query]);
  return <p className="content">Slow answer: {text}</p>;
}

/** Generated pages for benchmarks: /gen/1 … /gen/N, each linking a few others, content from the client. */
function Generated({ n, total }) {
  const next = [1, 2, 3].map((k) => n + k).filter((k) => k <= total);
  return (
    <section>
      <p className="content">Generated page {n}: {'client-side words '.repeat(40)}</p>
      <Links hrefs={[...next.map((k) => `/gen/${k}`), `/gen/${Math.max(1, Math.floor(n / 2))}`]} />
    </section>
  );
}

export function pageFor(path, query) {
  const gen = /^\/gen\/(\d+)$/.exec(path);
  if (gen) {
    const n = Number(gen[1]);
    const total = Number(window.__FIXTURE_GENERATED__ ?? 200);
    return { head: head(`Generated page ${n}`, `Description of generated page ${n}.`, path, `Generated page ${n}`), Body: () => <Generated n={n} total={total} /> };
  }
  switch (path) {
    case '/':
      return { head: head('Render fixture home', 'A single-page app whose head and content exist only after JavaScript runs.', '/', 'Welcome to the render fixture'), Body: Home };
    case '/products':
      return { head: head('Products', 'Every product of the fixture.', '/products', 'Products'), Body: Products };
    case '/products/widget':
      return { head: head('Widget', 'The widget.', '/products/widget', 'Widget'), Body: Widget };
    case '/about':
      return { head: head('About', 'About the fixture.', '/about', 'About us'), Body: About };
    case '/throws':
      return { head: head('Throws', 'A page whose script throws.', '/throws', 'Throws'), Body: Throws };
    case '/never-settles':
      return { head: head('Never settles', 'A page that never reaches network idle.', '/never-settles', 'Never settles'), Body: NeverSettles };
    case '/internal':
      return { head: head('Internal', 'Requests internal addresses.', '/internal', 'Internal'), Body: () => <Internal query={query} /> };
    case '/media':
      return { head: head('Media', 'Images, fonts and video.', '/media', 'Media'), Body: Media };
    case '/crash':
      return { head: head('Crash', 'Exhausts memory.', '/crash', 'Crash'), Body: Crash };
    case '/loop':
      return { head: head('Loop', 'Never yields.', '/loop', 'Loop'), Body: Loop };
    case '/slow':
      return { head: head('Slow', 'Slow API.', '/slow', 'Slow'), Body: () => <Slow query={query} /> };
    default:
      return { head: head('Not found', 'No such page.', path, 'Not found', 'noindex'), Body: () => <p>Nothing here.</p> };
  }
}
