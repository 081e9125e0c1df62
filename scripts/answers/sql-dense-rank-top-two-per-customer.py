"""Top two orders per customer with ROW_NUMBER, RANK and DENSE_RANK on the 12-row table given in the task."""
import sqlite3

ROWS = [
    (1, "ana", "2024-01-03", 40), (2, "ana", "2024-01-05", 25), (3, "ben", "2024-01-05", 60),
    (4, "ana", "2024-01-09", 40), (5, "cy", "2024-01-10", 15), (6, "ben", "2024-01-12", 60),
    (7, "cy", "2024-01-12", 35), (8, "ana", "2024-01-15", 10), (9, "ben", "2024-01-20", 20),
    (10, "cy", "2024-01-21", 35), (11, "ben", "2024-01-22", 60), (12, "cy", "2024-01-25", 50),
]
db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE orders(id INTEGER PRIMARY KEY, customer TEXT, order_date TEXT, amount INT)")
db.executemany("INSERT INTO orders VALUES (?,?,?,?)", ROWS)
counts = {}
for fn in ("ROW_NUMBER", "RANK", "DENSE_RANK"):
    q = f"""SELECT COUNT(*) FROM (
              SELECT id, {fn}() OVER (PARTITION BY customer ORDER BY amount DESC) AS r FROM orders)
            WHERE r <= 2"""
    counts[fn] = db.execute(q).fetchone()[0]
    print(fn, counts[fn])
running = db.execute("""SELECT customer, id, SUM(amount) OVER (PARTITION BY customer ORDER BY order_date, id)
                        FROM orders ORDER BY customer, order_date, id""").fetchall()
print("running totals", running)
print(counts["DENSE_RANK"])
