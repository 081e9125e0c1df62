"""Anti-joins three ways on a 10-customer, 25-order table where customers 8, 9, 10 never ordered, then a NULL order."""
import sqlite3

db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT, country TEXT)")
db.execute("CREATE TABLE orders(id INTEGER PRIMARY KEY, customer_id INT, order_date TEXT, amount REAL)")
db.executemany("INSERT INTO customers VALUES (?,?,?)", [(i, f"c{i}", "PT") for i in range(1, 11)])
db.executemany("INSERT INTO orders VALUES (?,?,?,?)",
               [(i, 1 + (i % 7), f"2024-01-{1 + i:02d}", 10.0 * i) for i in range(1, 26)])
Q = {
    "left join": "SELECT c.id FROM customers c LEFT JOIN orders o ON o.customer_id = c.id WHERE o.id IS NULL",
    "not exists": "SELECT c.id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)",
    "not in": "SELECT c.id FROM customers c WHERE c.id NOT IN (SELECT customer_id FROM orders)",
}
for name, q in Q.items():
    print("before", name, db.execute(q).fetchall())
db.execute("INSERT INTO orders VALUES (26, NULL, '2024-02-01', 5.0)")
after = {}
for name, q in Q.items():
    after[name] = db.execute(q).fetchall()
    print("after", name, after[name])
print(db.execute("""SELECT c.id, COUNT(o.id), COUNT(*) FROM customers c
                    LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id""").fetchall())
print(len(after["not in"]))
