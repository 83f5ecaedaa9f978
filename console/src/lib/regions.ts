/**
 * The company's sales regions (dispatch's `Dispatch:Regions`; no API lists them): what the opportunity form and the
 * board's filter offer. The API decides what it accepts.
 */
export const regions = ['east', 'north', 'central', 'south', 'west', 'northeast'] as const;
