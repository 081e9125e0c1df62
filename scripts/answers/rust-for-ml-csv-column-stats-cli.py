"""Expected output of the colstats CLI on the task's 7-row CSV, column latency_ms: count, skipped, mean, sample std."""
import csv
import io
import statistics

CSV = """id,latency_ms,model
1,12.5,a
2,,b
3,15.0,a
4,11.25,b
5,,a
6,20.0,b
7,13.75,a
"""
rows = list(csv.DictReader(io.StringIO(CSV)))
vals = [float(r["latency_ms"]) for r in rows if r["latency_ms"].strip()]
print("count", len(vals), "skipped", len(rows) - len(vals), "mean", statistics.mean(vals),
      "min", min(vals), "max", max(vals))
print(round(statistics.stdev(vals), 4))
