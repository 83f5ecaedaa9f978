/** China's province outlines as GeoJSON (scripts/china-map.mjs): what `registerMap('china', …)` reads. */
declare module 'virtual:china-map' {
  const outlines: object;
  export default outlines;
}
