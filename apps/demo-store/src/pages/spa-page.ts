/**
 * The lookbook: one client-side-routed section. Links change the route with
 * history.pushState and render without a page load; pixelpair (data-spa) emits one page
 * view per real route change, and TikTok's own history observer must not add a second.
 */
import type { PageContent } from './page-content.js';
import { SHOP_NAME } from './layout.js';

export const SPA_ROUTES: Record<string, { title: string; label: string; html: string }> = {
  '/app/': {
    title: 'Lookbook', label: 'All stories',
    html: '<div><h2>Spring lookbook</h2><p>Two ways to spend a Saturday morning. Pick a story.</p></div>',
  },
  '/app/trail': {
    title: 'Trail stories', label: 'Trail stories',
    html: '<img src="/art/SKU-481.svg" width="400" height="300" alt=""><div><h2>Trail stories</h2><p>Mud, roots and a lot of grip: the Trail Runner 2, the Hydration Vest and a shell for when the weather turns.</p><p><a href="/products/SKU-481">Shop the Trail Runner 2</a></p></div>',
  },
  '/app/road': {
    title: 'Road stories', label: 'Road stories',
    html: '<img src="/art/SKU-517.svg" width="400" height="300" alt=""><div><h2>Road stories</h2><p>Tempo runs before work, in the Road Racer Carbon and a merino tee that forgives a sweaty commute.</p><p><a href="/products/SKU-517">Shop the Road Racer Carbon</a></p></div>',
  },
};

export function spaPage(path: string): PageContent {
  const current = SPA_ROUTES[path] ? path : '/app/';
  const route = SPA_ROUTES[current]!;
  const links = Object.entries(SPA_ROUTES).map(([href, r]) => `<a href="${href}" data-route${href === current ? ' aria-current="page"' : ''}>${r.label}</a>`).join('');
  return { title: route.title, section: 'lookbook', body: `<h1>Lookbook</h1><nav id="spa-nav" class="spa-nav" aria-label="Stories">${links}</nav><section id="spa-view" class="story">${route.html}</section>` };
}

/** The client router: renders a route from the same table the server used, then pushes it. */
export function spaRouterScript(): string {
  return `(function(){var routes=${JSON.stringify(SPA_ROUTES)};
function show(path){var key=routes[path]?path:'/app/',r=routes[key];document.getElementById('spa-view').innerHTML=r.html;document.title=r.title+${JSON.stringify(` · ${SHOP_NAME}`)};
var links=document.querySelectorAll('#spa-nav a[data-route]');for(var i=0;i<links.length;i++){if(links[i].getAttribute('href')===key)links[i].setAttribute('aria-current','page');else links[i].removeAttribute('aria-current');}}
document.addEventListener('click',function(e){var a=e.target&&e.target.closest&&e.target.closest('a[data-route]');if(!a)return;e.preventDefault();var path=a.getAttribute('href');if(path===location.pathname)return;show(path);history.pushState({},'',path);});
window.addEventListener('popstate',function(){show(location.pathname);});})();`;
}
