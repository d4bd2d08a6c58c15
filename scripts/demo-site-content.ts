/**
 * The demo site `npm start` serves: a small bakery blog on a WordPress-compatible local server, with
 * the kind of problems real sites have (missing descriptions, a duplicate title, images without alt
 * text, a thin page, a broken link), so a newcomer sees the whole crawl -> fix -> verify -> roll back loop.
 */
export const DEMO_SITE_CREDENTIALS = { username: 'demo-editor', applicationPassword: 'demo abcd efgh ijkl mnop qrst' };

export const DEMO_MEDIA = [
  { id: 101, slug: 'sourdough-loaf', title: 'Sourdough loaf', file: '2026/03/sourdough-loaf.jpg', altText: '' },
  { id: 102, slug: 'croissants', title: 'Croissants', file: '2026/03/croissants.jpg', altText: '' },
  { id: 103, slug: 'oven', title: 'Oven', file: '2026/04/oven.jpg', altText: 'Our wood-fired oven at dawn' },
];

/** The site's title in WordPress (Settings → General); the connection's label in Seology is something else on purpose. */
export const DEMO_SITE_NAME = 'The Corner Bakery';

/**
 * What a block theme prints around the content, as on a real bakery site: skip link, site header
 * with the menu, comment form on posts, a sidebar, the footer and a cookie banner. Proposals must
 * be written from the content and never quote any of this.
 */
export const DEMO_THEME = {
  header:
    '<a class="skip-link screen-reader-text" href="#wp--skip-link--target">Skip to content</a>\n' +
    '<header class="wp-block-template-part"><div class="wp-block-group site-header">' +
    `<p class="wp-block-site-title"><a href="/" rel="home">${DEMO_SITE_NAME}</a></p>` +
    '<p class="wp-block-site-tagline">Bread, pastries and cakes from our corner</p>' +
    '<nav class="wp-block-navigation" aria-label="Main menu"><ul class="wp-block-navigation__container">' +
    '<li class="wp-block-navigation-item"><a href="/">Home</a></li><li class="wp-block-navigation-item"><a href="/about/">About us</a></li>' +
    '<li class="wp-block-navigation-item"><a href="/2026/03/sourdough-basics/">Sourdough basics</a></li>' +
    '<li class="wp-block-navigation-item"><a href="/contact/">Contact us today</a></li></ul></nav></div></header>\n',
  comments:
    '<div class="wp-block-comments"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply ' +
    '<small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond" style="display:none;">Cancel reply</a></small></h3>' +
    '<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form">' +
    '<p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> Required fields are marked <span class="required">*</span></p>' +
    '<p class="comment-form-comment"><label for="comment">Comment <span class="required">*</span></label><textarea id="comment" name="comment" required></textarea></p>' +
    '<p class="comment-form-author"><label for="author">Name</label><input id="author" name="author" type="text"></p>' +
    '<p class="comment-form-cookies-consent"><input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox" value="yes">' +
    '<label for="wp-comment-cookies-consent">Save my name, email, and website in this browser for the next time I comment.</label></p>' +
    '<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"></p></form></div></div>',
  footer:
    '<aside class="widget-area"><h2 class="widget-title">Opening hours</h2><p>Monday to Saturday from 7 am to 6 pm, Sunday mornings until noon.</p></aside>\n' +
    '<footer class="wp-block-template-part"><div class="wp-block-group site-footer">' +
    `<p>© 2026 ${DEMO_SITE_NAME}. 12 Mill Street, Riverside. All rights reserved.</p>` +
    '<p class="has-text-align-right">Proudly powered by <a href="https://wordpress.org" rel="nofollow">WordPress</a></p></div></footer>\n' +
    '<div id="cookie-notice" class="cookie-notice" role="dialog" aria-label="Cookie consent"><p>We use cookies to give you the best experience ' +
    'on our website and to count our visitors.</p><button type="button">Accept all cookies</button> <a href="/privacy/">Cookie policy</a></div>\n',
};

const image = (id: number, file: string) => `<img src="/wp-content/uploads/${file}" class="wp-image-${id}" width="800" height="600">`;

export const DEMO_PAGES = [
  {
    id: 2,
    slug: 'home',
    title: 'Home',
    excerpt: '',
    content:
      '<h1>The Corner Bakery</h1><p>We bake bread, pastries and cakes every morning from 5 am with flour milled ten miles away. ' +
      'Come by for a warm loaf, stay for a coffee.</p>' +
      image(101, '2026/03/sourdough-loaf.jpg') +
      '<p>Read <a href="/about/">our story</a>, see <a href="/2026/03/sourdough-basics/">sourdough basics</a> or ' +
      '<a href="/2026/04/croissant-lamination/">how we laminate croissants</a>. <a href="/old-menu/">Old menu</a>.</p>',
  },
  {
    id: 3,
    slug: 'about',
    title: 'About',
    excerpt: '',
    content:
      '<h1>About us</h1><p>The Corner Bakery opened in 2009 in a former print shop. Three bakers, one wood-fired oven and a ' +
      'sourdough starter older than the shop itself. We sell to neighbours, cafes and two local schools.</p>' +
      image(103, '2026/04/oven.jpg') +
      '<p><a href="/">Back home</a> or <a href="/contact/">contact us</a>.</p>',
  },
  {
    id: 4,
    slug: 'contact',
    title: 'About',
    excerpt: '',
    content: '<h2>Contact</h2><p>Call us.</p><p><a href="/">Home</a></p>',
  },
];

export const DEMO_POSTS = [
  {
    id: 10,
    slug: 'sourdough-basics',
    date: '2026-03-12T08:00:00',
    title: 'Sourdough basics',
    excerpt: '',
    content:
      '<h1>Sourdough basics</h1><p>Sourdough needs only flour, water and salt, plus time. A lively starter, a long cold ' +
      'fermentation and a very hot oven give the open crumb and the crackling crust. We feed our starter twice a day ' +
      'and bake at 250 degrees with steam for the first twenty minutes.</p>' +
      image(101, '2026/03/sourdough-loaf.jpg') +
      '<p><a href="/">Home</a> · <a href="/2026/04/croissant-lamination/">Croissants next</a></p>',
  },
  {
    id: 11,
    slug: 'croissant-lamination',
    date: '2026-04-02T08:00:00',
    title: 'How we laminate croissants',
    excerpt: 'Butter, dough and patience: the three folds behind a flaky croissant.',
    content:
      '<h1>How we laminate croissants</h1><p>Lamination means folding cold butter into dough again and again until there are ' +
      'dozens of thin layers. We give our dough three single folds and rest it in the fridge between each one, so the ' +
      'butter never melts into the dough.</p>' +
      image(102, '2026/03/croissants.jpg') +
      '<p><a href="/">Home</a> · <a href="/2026/03/sourdough-basics/">Sourdough basics</a></p>',
  },
];

/** What publishing new recipes needs from the demo site's server (the WordPress contract server). */
interface PublishingSite {
  addItem(type: 'post', item: { id: number; slug: string; date: string; title: string; excerpt: string; content: string }): number;
  addItem(type: 'attachment', item: { id: number; slug: string; title: string; file: string; altText: string }): number;
  editItem(id: number, patch: { content: string }): void;
  posts: Map<number, { content: string }>;
}

const RECIPES = ['Rye bread', 'Cinnamon buns', 'Focaccia', 'Brioche', 'Baguettes', 'Scones'];

/**
 * The bakery publishes `count` new recipes (at most 6), linked from the home page, with the problems a
 * hurried editor leaves: no meta description and photos without alt text. For tests and journeys
 * that need fresh fixable issues on a site whose earlier proposals were all decided.
 */
export function publishDemoRecipes(site: PublishingSite, count: number): string[] {
  const paths: string[] = [];
  let links = '';
  RECIPES.slice(0, count).forEach((title, i) => {
    const slug = title.toLowerCase().replace(/\s+/g, '-');
    const photos = [0, 1].map((k) => {
      const id = 200 + i * 2 + k;
      const file = `2026/05/${slug}-${k + 1}.jpg`;
      site.addItem('attachment', { id, slug: `${slug}-${k + 1}`, title: `${title} ${k + 1}`, file, altText: '' });
      return image(id, file);
    });
    site.addItem('post', {
      id: 20 + i,
      slug,
      date: '2026-05-04T08:00:00',
      title: `${title} at the Corner Bakery`,
      excerpt: '',
      content:
        `<h1>${title}</h1><p>Our ${title.toLowerCase()} are made by hand every morning with flour from the mill down the road, ` +
        'a long rest in the cold and a hot oven. Here is how we do it, step by step, so you can bake them at home.</p>' +
        photos.join('') +
        '<p><a href="/">Home</a></p>',
    });
    paths.push(`/2026/05/${slug}/`);
    links += `<a href="/2026/05/${slug}/">${title}</a> `;
  });
  const home = site.posts.get(2);
  if (home) site.editItem(2, { content: `${home.content}<p>New: ${links.trim()}</p>` });
  return paths;
}

/**
 * How the demo site is served, by `npm start` and by the browser tests alike: the realistic theme
 * chrome (menu, footer, comment form), Yoast SEO, an editor's application password, a static front page.
 */
export function demoSiteOptions(port?: number) {
  return {
    ...(port !== undefined ? { port } : {}),
    siteName: DEMO_SITE_NAME,
    theme: DEMO_THEME,
    plugins: ['yoast' as const],
    users: [{ ...DEMO_SITE_CREDENTIALS, role: 'editor' as const }],
    pages: DEMO_PAGES,
    posts: DEMO_POSTS,
    media: DEMO_MEDIA,
    frontPageId: 2,
  };
}
