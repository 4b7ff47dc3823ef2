'use client';
/** The checkout form: `addContextFields` puts the browser's context in one hidden `pp_context` field before the action reads the form. */
import { addContextFields } from '@pixelpair/browser';
import { checkout } from '../app/actions';

export function CheckoutForm() {
  return (
    <form action={checkout} onSubmit={(e) => addContextFields(e.currentTarget)}>
      <label>
        Email <input name="email" type="email" autoComplete="email" required />
      </label>
      <button type="submit">Continue to payment</button>
    </form>
  );
}
