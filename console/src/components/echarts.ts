import { BarChart, CustomChart, LineChart, LinesChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GeoComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, registerMap, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import chinaOutlines from 'virtual:china-map';

// Only the parts of ECharts the console draws with, to keep the bundle small.
use([BarChart, LineChart, CustomChart, ScatterChart, LinesChart, GridComponent, GeoComponent, TooltipComponent, LegendComponent, DataZoomComponent, CanvasRenderer]);

// China's province outlines, bundled (scripts/china-map.mjs): the maps draw without a tile server or internet access.
registerMap('china', chinaOutlines as Parameters<typeof registerMap>[1]);

export { init };
