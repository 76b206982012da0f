// The Prometheus text exposition format (version 0.0.4), for the few metric families
// Brewline exposes: no client library needed for gauges read from Postgres/SQS at
// scrape time plus a couple of in-process histograms.

type Labels = Record<string, string>;
export type Sample = { labels?: Labels; value: number; suffix?: string };
export type MetricFamily = { name: string; help: string; type: "gauge" | "counter" | "histogram"; samples: Sample[] };

const escapeLabel = (value: string) => value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
const escapeHelp = (value: string) => value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

function formatLabels(labels: Labels | undefined): string {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return "";
  return `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}`;
}

export function renderMetrics(families: MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      lines.push(`${family.name}${sample.suffix ?? ""}${formatLabels(sample.labels)} ${formatValue(sample.value)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

export type Histogram = {
  observe: (labels: Labels, seconds: number) => void;
  family: () => MetricFamily;
};

/** Cumulative buckets per label set, as Prometheus expects (le="+Inf" equals _count). */
export function createHistogram(options: { name: string; help: string; buckets: number[] }): Histogram {
  const buckets = [...options.buckets].sort((a, b) => a - b);
  const series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  return {
    observe(labels, seconds) {
      const key = JSON.stringify(Object.entries(labels).sort());
      let s = series.get(key);
      if (!s) {
        s = { labels, counts: buckets.map(() => 0), sum: 0, count: 0 };
        series.set(key, s);
      }
      buckets.forEach((le, i) => {
        if (seconds <= le) s.counts[i]!++;
      });
      s.sum += seconds;
      s.count++;
    },
    family() {
      const samples: Sample[] = [];
      for (const s of series.values()) {
        buckets.forEach((le, i) => samples.push({ suffix: "_bucket", labels: { ...s.labels, le: String(le) }, value: s.counts[i]! }));
        samples.push({ suffix: "_bucket", labels: { ...s.labels, le: "+Inf" }, value: s.count });
        samples.push({ suffix: "_sum", labels: s.labels, value: s.sum });
        samples.push({ suffix: "_count", labels: s.labels, value: s.count });
      }
      return { name: options.name, help: options.help, type: "histogram", samples };
    },
  };
}
