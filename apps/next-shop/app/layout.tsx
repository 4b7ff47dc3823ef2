/**
 * Every page: the browser twin's start-up and the consent banner. `connection()` makes the
 * layout render per request, so the pixel id and script URL are read from the environment at
 * run time (one build, any environment), not frozen at build time.
 */
import Link from 'next/link';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { ConsentBanner } from '../components/consent-banner';
import { PixelpairInit } from '../components/pixelpair-init';
import './shop.css';

export const metadata = { title: 'Next Shop · pixelpair starter' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>
        <PixelpairInit pixelId={process.env.TIKTOK_PIXEL_ID ?? ''} pixelSrc={process.env.TIKTOK_PIXEL_SRC} />
        <header>
          <Link href="/">Next Shop</Link>
          <Link href="/checkout">Checkout</Link>
        </header>
        <main>{children}</main>
        <ConsentBanner />
      </body>
    </html>
  );
}
