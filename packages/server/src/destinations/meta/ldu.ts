/**
 * Meta's Limited Data Use for US state privacy laws (destinations.md A1, A9; Meta's "Data
 * Processing Options for US Users"). Meta has no consent field: LDU is its only privacy
 * signal. pixelpair applies it when the consent region is a US state with such a law and the
 * visitor opted out (adPersonalization or adUserData denied), with the state's code so Meta
 * need not geolocate.
 */
const LDU_STATES: Readonly<Record<string, number>> = {
  CA: 1000, CO: 1001, CT: 1002, FL: 1003, OR: 1004, TX: 1005, MT: 1006, DE: 1007, NE: 1008, NH: 1009,
  NJ: 1010, MN: 1011, MD: 1012, RI: 1013,
};

export interface Ldu {
  data_processing_options: ['LDU'];
  data_processing_options_country: number;
  data_processing_options_state: number;
}

/** `US-CA` → California's LDU options; any other region (or none) → undefined. */
export function lduFor(region: string | undefined): Ldu | undefined {
  const m = /^US[-_]([A-Z]{2})$/i.exec(region?.trim() ?? '');
  const state = m ? LDU_STATES[m[1]!.toUpperCase()] : undefined;
  return state === undefined ? undefined : { data_processing_options: ['LDU'], data_processing_options_country: 1, data_processing_options_state: state };
}
