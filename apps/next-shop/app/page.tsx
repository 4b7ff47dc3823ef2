import { AddToCart } from '../components/add-to-cart';
import { price, PRODUCTS } from '../lib/shop';

export default function Home() {
  return (
    <>
      <h1>Running gear</h1>
      <ul className="products">
        {PRODUCTS.map((p) => (
          <li key={p.id} data-product={p.id}>
            <h2>{p.name}</h2>
            <p>{price(p.price)}</p>
            <AddToCart productId={p.id} />
          </li>
        ))}
      </ul>
    </>
  );
}
