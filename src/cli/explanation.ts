import type { Explanation } from "../core/types.ts";

/**
 * An answer's explanation as terminal text (`npm run -s ask -- "…" --explain`): the terms and their weights,
 * the answer type, each candidate's score feature by feature against the threshold, and why it abstained.
 */
export function formatExplanation(e: Explanation): string {
  const percent = (x: number) => `${Math.round(x * 100)}%`;
  const lines = [
    `Terms (${e.english ? "English, as translations" : "Chinese"}), answer type: ${e.answerType}`,
    ...e.terms.map((t) => `  ${t.weight.toFixed(2).padStart(6)}  ${t.forms.join(" / ")}`),
    `Threshold: confidence ≥ ${percent(e.threshold)}${
      e.minInformation === undefined ? "" : `, information ≥ ${e.minInformation} nats`
    }`,
    `Candidates (${e.candidates.length}):`,
  ];
  e.candidates.forEach((c, i) => {
    const mark = c.passed ? "✓" : "✗";
    lines.push(
      `${String(i + 1).padStart(3)}. ${mark} score ${c.score.toFixed(3)}  confidence ${percent(c.confidence)}${
        c.information === undefined ? "" : `  information ${c.information}`
      }  ${c.file} · ${c.title}`,
      `       ${Object.entries(c.features)
        .map(([name, value]) => `${name} ${value.toFixed(3)}`)
        .join("  ")}`,
      `       ${c.text}`,
    );
  });
  if (e.abstained) lines.push(`Abstained: ${e.abstained}`);
  return lines.join("\n");
}
