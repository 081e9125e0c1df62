"""Sessionise (gaps in whole seconds via strftime, since julianday differences make an exact 30-minute gap 30.0000001) the 16 events given in the task: a new session starts after a gap of more than 30 minutes."""
import sqlite3

EVENTS = {
    "u1": ["09:00", "09:10", "09:35", "10:20", "10:45", "11:15", "11:16", "13:00"],
    "u2": ["09:05", "09:50", "10:15", "10:40", "11:00", "12:00", "12:29", "12:58"],
}
db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE events(user_id TEXT, ts TEXT)")
db.executemany("INSERT INTO events VALUES (?, ?)",
               [(u, f"2024-03-01 {t}:00") for u, ts in EVENTS.items() for t in ts])
q = """
WITH gaps AS (
  SELECT user_id, ts,
         (CAST(strftime('%s', ts) AS INTEGER)
          - CAST(strftime('%s', LAG(ts) OVER (PARTITION BY user_id ORDER BY ts)) AS INTEGER)) / 60.0 AS gap_min
  FROM events),
flagged AS (
  SELECT user_id, ts, CASE WHEN gap_min IS NULL OR gap_min > 30 THEN 1 ELSE 0 END AS is_new FROM gaps),
numbered AS (
  SELECT user_id, ts, SUM(is_new) OVER (PARTITION BY user_id ORDER BY ts) AS session_no FROM flagged)
SELECT user_id, session_no, MIN(ts), MAX(ts), COUNT(*),
       ROUND((julianday(MAX(ts)) - julianday(MIN(ts))) * 1440) AS minutes
FROM numbered GROUP BY user_id, session_no ORDER BY user_id, session_no"""
rows = db.execute(q).fetchall()
for r in rows:
    print(r)
print(len(rows))
