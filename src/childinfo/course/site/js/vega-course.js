// The part of Vega the course's charts use, bundled at build time by esbuild into
// _vendor/vega/vega.min.js (see childinfo.course.site._bundle_vega). The charts are Vega-Lite
// compiled to Vega: marks, scales, axes, legends, bound parameters, tooltips, and the data
// transforms Vega-Lite emits. Vega's geo, force, hierarchy, label, regression, voronoi,
// wordcloud and crossfilter transforms are left out: no course chart uses them, and they are a
// fifth of the full bundle. A chart that needs one fails with "Unrecognized transform type" in
// the browser console, which the site's page tests report.
import {extend} from 'vega-util';
import {transforms} from 'vega-dataflow';
import * as tx from 'vega-transforms';
import * as vtx from 'vega-view-transforms';
import * as encode from 'vega-encode';

extend(transforms, tx, vtx, encode);

export {parse} from 'vega-parser';
export {View} from 'vega-view';
