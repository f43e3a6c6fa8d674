import type { DemoSummary } from "./load-demo.ts";

/** What the demo prints once loaded: where to look, the key, and how big each segment is. */
export function summaryText(
  summary: DemoSummary,
  where: { url: string; key: string; dataDir?: string },
): string {
  const perSecond = Math.round(summary.messages / (summary.loadMs / 1000));
  const width = Math.max(...summary.segments.map((s) => s.name.length), 7);
  const rows = summary.segments.map(
    (s) => `  ${s.name.padEnd(width)}  ${String(s.size).padStart(6)}   ${where.url}/v1/segments/${s.id}`,
  );
  return [
    "",
    `GrowthOS Segments demo: ${summary.contacts.toLocaleString("en")} contacts, ` +
      `${summary.events.toLocaleString("en")} events over 90 days, ` +
      `${summary.messages.toLocaleString("en")} messages in ${(summary.loadMs / 1000).toFixed(1)} s ` +
      `(${perSecond.toLocaleString("en")}/s through /v1/batch)`,
    "",
    `  Dashboard  ${where.url}/`,
    `  API docs   ${where.url}/docs`,
    `  API key    ${where.key}`,
    ...(where.dataDir === undefined ? [] : [`  Data       ${where.dataDir}`]),
    "",
    `  ${"segment".padEnd(width)}  ${"members".padStart(6)}`,
    ...rows,
    "",
    `Try: curl -H "Authorization: Bearer ${where.key}" ${where.url}/v1/segments/${summary.segments[0]?.id ?? ""}/members`,
  ].join("\n");
}
