import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { pageFor } from './pages.jsx';

/** Writes the head tags a crawler without JavaScript never sees (the served HTML has none of them). */
function setHead({ title, description, canonical, robots }) {
  document.title = title;
  const upsert = (selector, create, set) => {
    let el = document.head.querySelector(selector);
    if (!el) {
      el = create();
      document.head.appendChild(el);
    }
    set(el);
  };
  upsert('meta[name="description"]', () => Object.assign(document.createElement('meta'), { name: 'description' }), (el) => el.setAttribute('content', description));
  upsert('link[rel="canonical"]', () => Object.assign(document.createElement('link'), { rel: 'canonical' }), (el) => el.setAttribute('href', new URL(canonical, location.origin).href));
  upsert('meta[name="robots"]', () => Object.assign(document.createElement('meta'), { name: 'robots' }), (el) => el.setAttribute('content', robots));
}

/** A client-side router whose links are real <a href>s (a crawler can follow them) handled with pushState. */
function App() {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const onPop = () => setPath(location.pathname);
    const onClick = (e) => {
      const a = e.target instanceof Element ? e.target.closest('a[href]') : null;
      if (!a || a.origin !== location.origin || e.metaKey || e.ctrlKey) return;
      e.preventDefault();
      history.pushState(null, '', a.href);
      setPath(location.pathname);
    };
    window.addEventListener('popstate', onPop);
    document.addEventListener('click', onClick);
    return () => {
      window.removeEventListener('popstate', onPop);
      document.removeEventListener('click', onClick);
    };
  }, []);
  const page = pageFor(path, new URLSearchParams(location.search));
  useEffect(() => setHead(page.head), [page.head]);
  return (
    <>
      <nav>
        <a href="/">Home</a> <a href="/products">Products</a> <a href="/about">About</a>
      </nav>
      <main>
        <h1>{page.head.h1}</h1>
        <page.Body />
      </main>
    </>
  );
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
