/**
 * Product pictures drawn as SVG from the catalogue's `art` entry (a shape and three
 * colours), served at /art/<sku>.svg. Generated, so the demo ships no image files and
 * loads nothing from another host.
 */
import type { ArtKind, Product } from './catalog.js';

type Draw = (c: string, a: string) => string;

const shoeSole = (a: string, lugs: boolean) =>
  `<path d="M58 206h294v10c0 14-10 24-26 24H82c-14 0-24-10-24-24z" fill="${a}"/>` +
  `<path d="M58 198h294v10H58z" fill="#fff"/>` +
  (lugs ? [84, 124, 164, 204, 244, 284, 320].map((x) => `<rect x="${x}" y="238" width="18" height="8" rx="2" fill="${a}"/>`).join('') : '');

const SHAPES: Record<ArtKind, Draw> = {
  shoe: (c, a) =>
    shoeSole(a, true) +
    `<path d="M66 198V148c2-20 14-28 34-30l50-6c14-2 24 4 32 16l26 32c20 14 44 18 82 20l34 4c20 4 28 10 28 14v0z" fill="${c}"/>` +
    `<path d="M140 130l30 34M158 126l30 34M176 130l26 30" stroke="#fff" stroke-width="6" stroke-linecap="round"/>` +
    `<path d="M92 186c40-6 90-4 140 4" stroke="${a}" stroke-width="10" fill="none" stroke-linecap="round"/>` +
    `<path d="M66 150c-6 0-10 6-10 14v34h10z" fill="${a}"/>`,
  racer: (c, a) =>
    `<path d="M54 200h300l-2 14c-2 12-12 20-26 20H84c-16 0-28-10-30-24z" fill="#fff" stroke="#d8dde3" stroke-width="2"/>` +
    `<path d="M70 214h270" stroke="${a}" stroke-width="5" stroke-linecap="round"/>` +
    `<path d="M64 200v-40c2-18 12-26 30-28l56-6c12 0 20 4 28 14l30 30c22 12 48 16 86 18l30 4c18 2 28 8 30 8z" fill="${c}"/>` +
    `<path d="M162 138l28 32M178 142l24 28" stroke="#fff" stroke-width="6" stroke-linecap="round"/>` +
    `<path d="M100 190l120-40 40 10-150 36z" fill="${a}"/>`,
  tee: (c, a) =>
    `<path d="M132 64l40-12c8 18 20 26 28 26s20-8 28-26l40 12 54 44-30 34-24-16v136H132V126l-24 16-30-34z" fill="${c}"/>` +
    `<path d="M172 52c8 18 20 26 28 26s20-8 28-26" stroke="${a}" stroke-width="8" fill="none"/>` +
    `<path d="M132 236h136" stroke="${a}" stroke-width="6"/>`,
  jacket: (c, a) =>
    `<path d="M160 58c6-22 74-22 80 0l42 20 50 122-34 12-30-66v118H118V146l-30 66-34-12 50-122z" fill="${c}"/>` +
    `<path d="M160 58c10 26 70 26 80 0" stroke="${a}" stroke-width="8" fill="none"/>` +
    `<path d="M200 80v150" stroke="${a}" stroke-width="6"/>` +
    `<path d="M136 170h36M228 170h36" stroke="#fff" stroke-width="5" stroke-linecap="round"/>`,
  vest: (c, a) =>
    `<path d="M138 52h34l10 60c6 10 30 10 36 0l10-60h34l20 196H118z" fill="${c}"/>` +
    `<rect x="142" y="124" width="34" height="70" rx="14" fill="${a}"/><rect x="224" y="124" width="34" height="70" rx="14" fill="${a}"/>` +
    `<path d="M140 214h120" stroke="#fff" stroke-width="6" stroke-linecap="round"/>`,
  cap: (c, a) =>
    `<path d="M104 196c0-62 40-98 96-98s96 36 96 98z" fill="${c}"/>` +
    `<path d="M236 190c46-6 92 0 118 20-38 12-86 10-126-2z" fill="${c}" stroke="#0002" stroke-width="2"/>` +
    `<path d="M106 178h188" stroke="${a}" stroke-width="10"/>` +
    `<circle cx="200" cy="98" r="8" fill="${a}"/><path d="M200 100v94M150 110c10 30 14 60 14 84M250 110c-10 30-14 60-14 84" stroke="#0002" stroke-width="3" fill="none"/>`,
  socks: (c, a) =>
    [[118, 0], [196, 16]].map(([x, y]) =>
      `<path d="M${x} ${54 + y!}h56v120c0 8 6 12 14 12h30c16 0 24 10 24 24s-10 24-24 24h-62c-22 0-38-14-38-36z" fill="${c}" stroke="#fff" stroke-width="3"/>` +
      `<path d="M${x} ${54 + y!}h56v22h-56z" fill="${a}"/>`).join(''),
  headlamp: (c, a) =>
    `<path d="M226 150L360 104v104z" fill="${a}" opacity=".45"/>` +
    `<ellipse cx="170" cy="150" rx="96" ry="62" fill="none" stroke="${c}" stroke-width="16"/>` +
    `<rect x="204" y="118" width="56" height="64" rx="14" fill="${c}"/>` +
    `<circle cx="242" cy="150" r="18" fill="${a}"/><circle cx="242" cy="150" r="8" fill="#fff"/>`,
};

const ATTR = /["<>&]/g;
const attr = (v: string) => v.replace(ATTR, '');

/** The product's picture as a standalone SVG document. */
export function productArt(product: Product): string {
  const { kind, colour, accent, background } = product.art;
  const draw = SHAPES[kind];
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" role="img" aria-label="${attr(product.name)}">` +
    `<rect width="400" height="300" fill="${attr(background)}"/>` +
    `<ellipse cx="200" cy="258" rx="150" ry="12" fill="#0000000f"/>` +
    draw(attr(colour), attr(accent)) +
    '</svg>';
}

/** The shop's mark (a peak over a track), used as the favicon and in the header. */
export const BRAND_MARK = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="Northpeak Running">' +
  '<rect width="64" height="64" rx="14" fill="#14213d"/>' +
  '<path d="M10 46L26 20l9 14 5-7 14 19z" fill="#fca311"/>' +
  '<path d="M22 28l4-8 5 8-4-2z" fill="#fff"/>' +
  '<path d="M10 52h44" stroke="#e5e5e5" stroke-width="4" stroke-linecap="round"/></svg>';
