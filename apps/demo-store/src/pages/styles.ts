/**
 * The shop's stylesheet, inlined in every page (one small file, no extra request). Mobile
 * first: everything works at 390 px; wider screens get two columns where it helps.
 */
export const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f7f6f3;min-height:100vh;display:flex;flex-direction:column}
a{color:#14213d}a:hover{color:#b36b00}
img{display:block;max-width:100%;height:auto}
h1,h2,h3{line-height:1.2;margin:0 0 .5rem}h1{font-size:clamp(1.6rem,4.5vw,2.4rem)}h2{font-size:1.3rem}h3{font-size:1rem}
p{margin:0 0 .8rem}
.wrap{max-width:1080px;margin:0 auto;padding:0 1rem}
.muted{color:#5b6470}.small{font-size:.875rem}
.topbar{background:#14213d;color:#e5e5e5;font-size:.8rem;text-align:center;padding:.35rem 1rem}
.topbar a{color:#fca311}
.site-header{background:#fff;border-bottom:1px solid #e3e6ea;position:sticky;top:0;z-index:5}
.site-header .wrap{display:flex;align-items:center;gap:1rem;min-height:3.6rem;flex-wrap:wrap}
.brand{display:flex;align-items:center;gap:.55rem;font-weight:800;text-decoration:none;color:#14213d;letter-spacing:-.01em;margin-right:auto}
.brand svg{width:2rem;height:2rem}
.nav{display:flex;gap:.25rem;overflow-x:auto;scrollbar-width:none}
.nav a{padding:.4rem .65rem;border-radius:999px;text-decoration:none;color:#1b1f24;white-space:nowrap;font-size:.95rem}
.nav a:hover{background:#f1f2f4}.nav a[aria-current=page]{background:#14213d;color:#fff}
.cart-link{display:flex;align-items:center;gap:.4rem;text-decoration:none;font-weight:600;color:#14213d;padding:.35rem .7rem;border:1px solid #d6d9de;border-radius:999px}
.cart-link .count{background:#fca311;color:#14213d;border-radius:999px;min-width:1.4rem;padding:0 .35rem;text-align:center;font-size:.8rem;line-height:1.4rem}
@media (max-width:720px){.site-header .wrap{gap:.4rem;padding-top:.4rem}.nav{order:3;width:100%;padding-bottom:.4rem}}
main.wrap{padding-top:1.5rem;padding-bottom:3rem;flex:1 0 auto;width:100%}
.button,button{display:inline-flex;align-items:center;justify-content:center;gap:.4rem;font:inherit;font-weight:600;border:0;border-radius:10px;padding:.7rem 1.2rem;cursor:pointer;text-decoration:none;background:#14213d;color:#fff;min-height:2.75rem}
.button:hover,button:hover{background:#24365f;color:#fff}
.button.accent,button.accent{background:#fca311;color:#14213d}.button.accent:hover,button.accent:hover{background:#ffb83d;color:#14213d}
.button.full,button.full{width:100%}.cta{margin:1rem 0 .6rem}
.button.ghost,button.ghost{background:#fff;color:#14213d;border:1px solid #c9ced6}.button.ghost:hover,button.ghost:hover{background:#f1f2f4}
button.link{background:none;color:#5b6470;padding:.2rem .3rem;min-height:0;font-weight:500;text-decoration:underline}
button.link:hover{color:#b00020;background:none}
:focus-visible{outline:3px solid #fca311;outline-offset:2px}
.field{display:block;margin:0 0 1rem;font-weight:600;font-size:.95rem}
.field input,.field select,.field textarea{display:block;width:100%;margin-top:.3rem;font:inherit;font-weight:400;padding:.65rem .75rem;border:1px solid #c9ced6;border-radius:10px;background:#fff}
.field textarea{resize:vertical}
.notice{border-radius:12px;padding:.8rem 1rem;margin:0 0 1.2rem;border:1px solid}
.notice.info{background:#fff8e6;border-color:#f3d38a}.notice.error{background:#fdecee;border-color:#f2b8bf}.notice.ok{background:#e9f6ee;border-color:#a9dcbc}
.hero{display:grid;gap:1.5rem;align-items:center;grid-template-columns:1fr;margin-bottom:2rem}
.hero .eyebrow{text-transform:uppercase;letter-spacing:.08em;font-size:.8rem;font-weight:700;color:#b36b00}
.lead{font-size:1.1rem;color:#3c4450;max-width:34rem}
.hero .actions{display:flex;gap:.6rem;flex-wrap:wrap;margin-top:1rem}
.hero-art{display:grid;grid-template-columns:1fr 1fr;gap:.6rem}.hero-art img{border-radius:14px}
@media (min-width:800px){.hero{grid-template-columns:1.1fr 1fr}}
.perks{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:.8rem;margin:0 0 2rem;padding:0;list-style:none}
.perks li{background:#fff;border:1px solid #e3e6ea;border-radius:12px;padding:.8rem 1rem;font-size:.95rem}
.section-head{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;margin:1.5rem 0 .8rem}
.pills{display:flex;gap:.4rem;flex-wrap:wrap;margin:0 0 1.2rem}
.pills a{padding:.35rem .8rem;border-radius:999px;border:1px solid #c9ced6;text-decoration:none;background:#fff;font-size:.9rem}
.pills a[aria-current=page]{background:#14213d;border-color:#14213d;color:#fff}
.tiles{display:grid;grid-template-columns:repeat(2,1fr);gap:1rem}@media (min-width:720px){.tiles{grid-template-columns:repeat(4,1fr)}}
.tile{position:relative;border-radius:14px;overflow:hidden;text-decoration:none;color:#fff}.tile img{width:100%;aspect-ratio:4/3}
.tile span{position:absolute;left:0;right:0;bottom:0;padding:1.6rem .8rem .6rem;font-weight:700;background:linear-gradient(transparent,#14213dcc)}
.tile:hover{color:#fca311}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,165px),1fr));gap:1rem}
@media (min-width:720px){.grid{grid-template-columns:repeat(auto-fill,minmax(220px,1fr))}}
.card{background:#fff;border:1px solid #e3e6ea;border-radius:14px;overflow:hidden;display:flex;flex-direction:column;transition:box-shadow .15s}
.card:hover{box-shadow:0 6px 20px #14213d1a}
.card a{text-decoration:none;color:inherit}.card img{aspect-ratio:4/3;width:100%;object-fit:cover}
.card .body{padding:.7rem .85rem .9rem;display:flex;flex-direction:column;gap:.15rem}
.card .cat{font-size:.75rem;text-transform:uppercase;letter-spacing:.06em;color:#5b6470}
.card .name{font-weight:700}.card .price{font-weight:600;color:#14213d}
.product{display:grid;gap:1.5rem;grid-template-columns:1fr}
.product .art img{border-radius:16px;width:100%;aspect-ratio:4/3}
.product .price{font-size:1.5rem;font-weight:700;color:#14213d;margin:.2rem 0 .8rem}
.product ul{padding-left:1.1rem;margin:0 0 1rem}
.crumbs{font-size:.875rem;color:#5b6470;margin-bottom:.8rem}.crumbs a{color:#5b6470}
.buy{display:flex;gap:.6rem;align-items:end;flex-wrap:wrap;margin:1rem 0}
.buy .field{margin:0;width:6.5rem}.search-form .field{flex:1 1 14rem;width:auto}
@media (min-width:800px){.product{grid-template-columns:1.1fr 1fr;align-items:start}}
.columns{display:grid;gap:1.5rem;grid-template-columns:1fr}
@media (min-width:860px){.columns{grid-template-columns:1.4fr 1fr;align-items:start}}
.panel{background:#fff;border:1px solid #e3e6ea;border-radius:14px;padding:1rem 1.1rem}
.lines{list-style:none;margin:0;padding:0}
.line{display:grid;grid-template-columns:4.5rem 1fr auto;gap:.8rem;align-items:center;padding:.8rem 0;border-bottom:1px solid #eceef1}
.line:last-child{border-bottom:0}
.line img{width:4.5rem;border-radius:10px;aspect-ratio:4/3}
.line .what{display:flex;flex-direction:column;gap:.1rem;min-width:0}
.line .what a{font-weight:700;text-decoration:none}
.line .total{font-weight:700;text-align:right;white-space:nowrap}
.line .controls{grid-column:2/-1}@media (max-width:480px){.line .controls{grid-column:1/-1}}.line form{display:flex;gap:.4rem;align-items:center;flex-wrap:wrap}
.line input[type=number]{width:3.6rem;font:inherit;padding:.35rem .45rem;border:1px solid #c9ced6;border-radius:8px}
.line form button:not(.link){padding:.35rem .7rem;min-height:0;font-size:.9rem}
.sums{margin:.6rem 0 0;display:grid;grid-template-columns:1fr auto;gap:.3rem .8rem}
.sums dt{color:#5b6470}.sums dd{margin:0;text-align:right}
.sums .grand{font-weight:800;font-size:1.15rem;color:#1b1f24}
.demo-note{font-size:.85rem;color:#5b6470;border:1px dashed #c9ced6;border-radius:12px;padding:.7rem .9rem;margin-top:1.5rem;background:#fff}
.demo-note code{font-size:.8rem;word-break:break-all}
.spa-nav{display:flex;gap:.4rem;flex-wrap:wrap;margin:0 0 1rem}
.spa-nav a{padding:.35rem .8rem;border-radius:999px;border:1px solid #c9ced6;background:#fff;text-decoration:none}.spa-nav a[aria-current=page]{background:#14213d;border-color:#14213d;color:#fff}
.story{background:#fff;border:1px solid #e3e6ea;border-radius:14px;padding:1.2rem;display:grid;gap:1rem}.story img{border-radius:12px;max-width:28rem;width:100%}
@media (min-width:720px){.story{grid-template-columns:minmax(0,24rem) 1fr;align-items:center}}
.site-footer{border-top:1px solid #e3e6ea;background:#fff;color:#5b6470;font-size:.875rem;padding:1.5rem 0 2rem}
body:has(#consent-banner:not([hidden])) .site-footer{padding-bottom:16rem}
.site-footer .wrap{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;justify-content:space-between}
#consent-banner{position:fixed;z-index:20;left:50%;bottom:1rem;transform:translateX(-50%);width:min(44rem,calc(100% - 1.5rem));max-height:calc(100vh - 2rem);overflow:auto;background:#fff;border:1px solid #d6d9de;border-radius:16px;box-shadow:0 12px 40px #14213d33;padding:1.1rem 1.2rem}
#consent-banner[hidden]{display:none}
#consent-banner h2{font-size:1.05rem;margin-bottom:.3rem}
#consent-banner p{font-size:.92rem;color:#3c4450}
.consent-actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.6rem}
.consent-actions button{flex:1 1 9rem}
.consent-options{margin:.4rem 0 .2rem;border-top:1px solid #eceef1}
.consent-options[hidden]{display:none}
.choice{display:flex;gap:1rem;align-items:center;justify-content:space-between;padding:.7rem 0;border-bottom:1px solid #eceef1;cursor:pointer}
.choice strong{display:block;font-size:.95rem}.choice span{display:block;font-size:.85rem;color:#5b6470}
.switch{appearance:none;-webkit-appearance:none;flex:none;width:2.75rem;height:1.6rem;margin:0;border-radius:999px;cursor:pointer;transition:background .15s;
background:#c9ced6 radial-gradient(circle at .8rem 50%,#fff .6rem,transparent .65rem)}
.switch:checked{background:#1f7a4d radial-gradient(circle at 1.95rem 50%,#fff .6rem,transparent .65rem)}
.switch:disabled{opacity:.55;cursor:default}
.consent-options .consent-actions{margin-top:.8rem}
`;
