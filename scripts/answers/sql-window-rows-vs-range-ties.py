"""SQLite: running SUM(amount) OVER (ORDER BY day) uses RANGE by default, so tied days share a total; ROWS does not."""
import sqlite3

db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE sales (id INTEGER PRIMARY KEY, day TEXT, amount INTEGER)")
db.executemany("INSERT INTO sales (id, day, amount) VALUES (?, ?, ?)", [
    (1, "2024-06-01", 50), (2, "2024-06-02", 20), (3, "2024-06-02", 30),
    (4, "2024-06-03", 10), (5, "2024-06-03", 40), (6, "2024-06-03", 5), (7, "2024-06-04", 25)])
rows = db.execute("""
  SELECT id, day, amount,
         SUM(amount) OVER (ORDER BY day) AS by_default,
         SUM(amount) OVER (ORDER BY day, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS by_rows
  FROM sales ORDER BY id""").fetchall()
for r in rows:
    print(r)
print("sqlite", sqlite3.sqlite_version)
print(rows[3][3])
