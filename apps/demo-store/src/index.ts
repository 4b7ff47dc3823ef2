export { createDemoStore } from './store.js';
export type { DemoStore, DemoStoreOptions } from './store.js';
export {
  startDemo, standInPlatforms, STAND_IN_PLATFORMS, LOCAL_PIXEL_ID, LOCAL_ACCESS_TOKEN, TIKTOK_API_URL,
  LOCAL_META_PIXEL_ID, LOCAL_META_ACCESS_TOKEN, LOCAL_GOOGLE_CUSTOMER_ID, LOCAL_GOOGLE_TAG_ID, LOCAL_GOOGLE_CONVERSIONS,
} from './stack.js';
export type { Demo, DemoOptions, RealTikTok, StoreExtras, StandInPlatform } from './stack.js';
export { createPaymentProvider } from './payment/provider.js';
export type { PaymentProvider, PaymentProviderOptions } from './payment/provider.js';
export { createDelivery } from './delivery.js';
export type { Delivery, DeliveryBackend, DeliveryRecord, MutateServerCopy } from './delivery.js';
export { directBackend } from './backends.js';
export type { TikTokTarget, MetaTarget, GoogleTarget } from './backends.js';
export type { Envelope } from './shop/envelopes.js';
export { PRODUCTS, CURRENCY } from './shop/catalog.js';
export type { Product } from './shop/catalog.js';
