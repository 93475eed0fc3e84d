// The benchmarks' shop page (bench/page/java/dev/arbor/bench/page/ShopPage.java) for React 19:
// the same markup, 100 cards in the shell and two sections behind Suspense.
import { createElement as h, Suspense, use } from 'react';

const brands = ['Lumen & Co', 'Nordlys <N>', 'O\'Brien "Lights"', 'Árvore & Söhne'];
export const PRODUCTS = Array.from({ length: 100 }, (_, i) => ({
  id: 1000 + i,
  name: `Aurora "${String.fromCharCode(65 + (i % 26))}" lamp <no. ${i}>`,
  brand: brands[i % brands.length],
  cents: 1999 + 137 * i,
  blurb: 'Brass & linen shade, 2700 K <warm>; "dimmable" & fits E27.',
}));
export const RECOMMENDED = PRODUCTS.slice(0, 8);
export const REVIEWS = Array.from({ length: 12 }, (_, i) => ({
  author: `Reader #${i} <verified>`,
  stars: 1 + (i % 5),
  title: `"Lovely light" & solid build (${i})`,
  body: 'The light is warm & the switch feels solid; the shade\'s seam <shows> a little. "Would buy again."',
}));

const price = (c) => `${Math.floor(c / 100)}.${Math.floor((c % 100) / 10)}${c % 10} €`;

function Card({ p }) {
  return h('article', { className: 'card' },
    h('img', { src: `/img/${p.id}.webp`, alt: p.name }),
    h('h3', null, h('a', { href: `/p/${p.id}?ref=grid&pos=${p.id}` }, p.name)),
    h('p', { className: 'brand' }, p.brand),
    h('p', { className: 'price' }, price(p.cents)),
    h('p', null, p.blurb),
    h('ul', null, h('li', null, 'new & "hot"'), h('li', null, '<eco>')),
    h('button', { 'data-product': String(p.id) }, 'Add'));
}

function Recommendations({ data }) {
  const products = use(data);
  return h('ul', { className: 'rec' }, products.map((p) =>
    h('li', { key: p.id }, h('a', { href: `/p/${p.id}?ref=rec&x=1` }, p.name), h('span', { className: 'brand' }, p.brand))));
}

function Reviews({ data }) {
  const reviews = use(data);
  return h('ol', { className: 'review-list' }, reviews.map((r, i) =>
    h('li', { key: i, className: 'review' }, h('h4', null, r.title),
      h('p', null, h('b', null, r.author), ` — ${r.stars}/5`), h('p', null, r.body))));
}

export function Page({ recommended, reviews }) {
  return h('html', null,
    h('head', null,
      h('meta', { charSet: 'utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('title', null, 'Lamps & Lights — "Aurora" collection | Arbor Shop'),
      h('link', { rel: 'stylesheet', href: '/assets/app.css?v=3&theme=light' })),
    h('body', null,
      h('header', null,
        h('a', { href: '/', className: 'logo' }, 'Arbor Shop'),
        h('nav', null, h('ul', null, ['Lamps', 'Desks', 'Chairs', 'Help & FAQ', 'Cart <3>'].map((l) =>
          h('li', { key: l }, h('a', { href: `/c?q=${l.toLowerCase()}&x=1` }, l)))))),
      h('main', null,
        h('h1', null, 'Aurora collection'),
        h('p', null, 'Prices include VAT & shipping; "free returns" <30 days>.'),
        h('section', { className: 'products' }, h('h2', null, 'Products'),
          h('div', { className: 'grid' }, PRODUCTS.map((p) => h(Card, { key: p.id, p })))),
        h('section', { className: 'recommended' }, h('h2', null, 'Recommended for you'),
          h(Suspense, { fallback: h('div', { className: 'skeleton' }, 'Loading recommendations…') },
            h(Recommendations, { data: recommended }))),
        h('section', { className: 'reviews' }, h('h2', null, 'Reviews'),
          h(Suspense, { fallback: h('div', { className: 'skeleton' }, 'Loading reviews…') },
            h(Reviews, { data: reviews })))),
      h('footer', null, h('p', null, '© 2025 Arbor Shop — prices in € <incl. VAT> & "more"'))));
}

/** A settled promise React's use() reads synchronously (status fields set, as React itself does). */
export function ready(value) {
  const p = Promise.resolve(value);
  p.status = 'fulfilled';
  p.value = value;
  return p;
}
