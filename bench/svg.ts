/**
 * Hand-written SVG line charts with a log-scale y axis: latency and build time span four orders of magnitude
 * across engines and sizes, which a linear axis would flatten into one line.
 */

/** One line of a chart: a value per x label, or null where the step did not run. */
export interface Series {
  name: string;
  values: Array<number | null>;
}

const COLOURS = ["#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd"];
const W = 640;
const H = 360;
const PAD = { left: 70, right: 180, top: 40, bottom: 50 };

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** A log-scale line chart of `series` over the x `labels`, as an SVG document. */
export function lineChart(title: string, unit: string, labels: string[], series: Series[]): string {
  const all = series.flatMap((s) => s.values).filter((v): v is number => v !== null && v > 0);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...all, 1)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...all, 1)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (labels.length === 1 ? plotW / 2 : (i * plotW) / (labels.length - 1));
  const y = (v: number) => PAD.top + plotH - ((Math.log10(v) - Math.log10(lo)) / Math.log10(hi / lo)) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12" role="img">`,
    `<title>${escapeXml(title)} per corpus size and engine (log scale)</title>`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2 - PAD.right / 2}" y="22" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`,
  ];
  for (let d = lo; d <= hi; d *= 10) {
    parts.push(
      `<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${y(d)}" y2="${y(d)}" stroke="#ddd"/>`,
      `<text x="${PAD.left - 6}" y="${y(d) + 4}" text-anchor="end">${d >= 1 ? d : d.toPrecision(1)} ${unit}</text>`,
    );
  }
  labels.forEach((label, i) => {
    parts.push(
      `<text x="${x(i)}" y="${H - PAD.bottom + 20}" text-anchor="middle">${escapeXml(label)}</text>`,
    );
  });
  series.forEach((s, k) => {
    const colour = COLOURS[k % COLOURS.length];
    const points = s.values.flatMap((v, i) => (v !== null && v > 0 ? [`${x(i)},${y(v)}`] : []));
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.join(" ")}"/>`);
    for (const p of points) {
      const [px, py] = p.split(",");
      parts.push(`<circle cx="${px}" cy="${py}" r="3" fill="${colour}"/>`);
    }
    const ly = PAD.top + 10 + k * 20;
    parts.push(
      `<line x1="${W - PAD.right + 15}" x2="${W - PAD.right + 35}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${W - PAD.right + 40}" y="${ly + 4}">${escapeXml(s.name)}</text>`,
    );
  });
  parts.push(
    `<text x="${PAD.left + plotW / 2}" y="${H - 10}" text-anchor="middle">corpus size (passages)</text>`,
  );
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
