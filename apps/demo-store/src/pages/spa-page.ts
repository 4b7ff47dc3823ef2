/**
 * The lookbook: one client-side-routed section. Links change the route with
 * history.pushState and render without a page load; pixelpair (data-spa) emits one page
 * view per real route change, and TikTok's own history observer must not add a second.
 */
import type { PageContent } from './catalog-pages.js';

export const SPA_ROUTES: Record<string, { title: string; html: string }> = {
  '/app/': { title: 'Lookbook', html: '<h2>Spring lookbook</h2><p>Pick a story.</p>' },
  '/app/trail': { title: 'Trail stories', html: '<h2>Trail stories</h2><p>Mud, roots and a lot of grip.</p>' },
  '/app/road': { title: 'Road stories', html: '<h2>Road stories</h2><p>Tempo runs before work.</p>' },
};

export function spaPage(path: string): PageContent {
  const route = SPA_ROUTES[path] ?? SPA_ROUTES['/app/']!;
  const links = Object.entries(SPA_ROUTES).map(([href, r]) => `<a href="${href}" data-route>${r.title}</a>`).join(' · ');
  return { title: route.title, body: `<h1>Lookbook</h1><nav id="spa-nav">${links}</nav><section id="spa-view">${route.html}</section>` };
}

/** The client router: renders a route from the same table the server used, then pushes it. */
export function spaRouterScript(): string {
  return `(function(){var routes=${JSON.stringify(SPA_ROUTES)};
function show(path){var r=routes[path]||routes['/app/'];document.getElementById('spa-view').innerHTML=r.html;document.title=r.title+' · pixelpair demo store';}
document.addEventListener('click',function(e){var a=e.target&&e.target.closest&&e.target.closest('a[data-route]');if(!a)return;e.preventDefault();var path=a.getAttribute('href');if(path===location.pathname)return;show(path);history.pushState({},'',path);});
window.addEventListener('popstate',function(){show(location.pathname);});})();`;
}
