// Render TeX to SVG at build time (childinfo.course.site.maths): reads [{tex, display}] as JSON on
// stdin, writes a JSON list of SVG strings. Uses the MathJax npm package the site already
// installs, so pages with maths need no MathJax script at all.
const input = require("fs").readFileSync(0, "utf8");
require("mathjax").init({
  loader: {load: ["input/tex", "output/svg"]},
  svg: {fontCache: "none"},
}).then((MathJax) => {
  const adaptor = MathJax.startup.adaptor;
  const out = JSON.parse(input).map(({tex, display}) => {
    const node = MathJax.tex2svg(tex, {display});
    return adaptor.innerHTML(node);
  });
  process.stdout.write(JSON.stringify(out));
}).catch((error) => {
  process.stderr.write(String(error));
  process.exit(1);
});
