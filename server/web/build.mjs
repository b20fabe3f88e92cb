// build.mjs copies the pinned vendor libraries into dist/vendor and turns
// the Natural Earth 1:110m country shapes of world-atlas (TopoJSON) into the
// GeoJSON that the map page registers with ECharts. Run: npm ci && npm run build
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { feature } from 'topojson-client';

mkdirSync('dist/vendor', { recursive: true });
copyFileSync('node_modules/echarts/dist/echarts.min.js', 'dist/vendor/echarts.min.js');
copyFileSync('node_modules/echarts/LICENSE', 'dist/vendor/echarts.LICENSE.txt');

const topo = JSON.parse(readFileSync('node_modules/world-atlas/countries-110m.json', 'utf8'));
const geo = feature(topo, topo.objects.countries);
// Round coordinates to 0.01 degree: plenty for a 110m map, half the bytes.
const round = (c) => (typeof c[0] === 'number' ? [Math.round(c[0] * 100) / 100, Math.round(c[1] * 100) / 100] : c.map(round));
// Rings that cross the antimeridian (a jump of more than 180 degrees
// between neighbouring points: Russia, Fiji) would be drawn as lines across
// the whole map; their points on the far side are clamped to the
// antimeridian on the side where most of the ring lies. Antarctica is
// dropped (it only takes room).
const crosses = (ring) => ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180);
const clamp = (ring) => {
  const east = ring.filter((p) => p[0] > 0).length >= ring.length / 2;
  return ring.map(([x, y]) => [east ? (x < 0 ? 180 : x) : (x > 0 ? -180 : x), y]);
};
const fixPoly = (poly) => poly.map((ring) => (crosses(ring) ? clamp(ring) : ring));
geo.features = geo.features.filter((f) => f.properties.name !== 'Antarctica');
for (const f of geo.features) {
  const g = f.geometry;
  if (g.type === 'Polygon') g.coordinates = fixPoly(g.coordinates);
  else if (g.type === 'MultiPolygon') g.coordinates = g.coordinates.map(fixPoly);
  g.coordinates = round(g.coordinates);
  f.properties = { name: f.properties.name };
}
writeFileSync('dist/vendor/world-110m.geo.json', JSON.stringify(geo));
console.log(`dist/vendor: echarts.min.js, world-110m.geo.json (${geo.features.length} countries)`);
