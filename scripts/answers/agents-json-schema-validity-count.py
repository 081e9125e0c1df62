"""Count which of ten model outputs are valid JSON that satisfies the order-line schema in the task.

Hand-written check of exactly the schema's rules (no jsonschema package needed): an object with required
name (non-empty string), quantity (integer >= 1; JSON true is a boolean, not an integer) and unit (one of
kg, g, piece), and no other keys."""
import json

outputs = [
    '{"name": "rice", "quantity": 2, "unit": "kg"}',
    '{"name": "eggs", "quantity": 12, "unit": "piece",}',
    '{"name": "milk", "quantity": "1", "unit": "piece"}',
    "{'name': 'salt', 'quantity': 1, 'unit': 'g'}",
    '{"name": "flour", "quantity": 500, "unit": "g", "note": "plain"}',
    '{"name": "", "quantity": 1, "unit": "kg"}',
    '{"name": "butter", "quantity": true, "unit": "piece"}',
    '```json\n{"name": "sugar", "quantity": 1, "unit": "kg"}\n```',
    '{"unit": "kg", "quantity": 3, "name": "oats"}',
    '{"name": "tea", "quantity": 0, "unit": "piece"}',
]


def valid(text):
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        return False, "not JSON"
    if not isinstance(obj, dict):
        return False, "not an object"
    if set(obj) != {"name", "quantity", "unit"}:
        return False, f"keys {sorted(obj)}"
    if not isinstance(obj["name"], str) or len(obj["name"]) < 1:
        return False, "bad name"
    q = obj["quantity"]
    if isinstance(q, bool) or not isinstance(q, int) or q < 1:
        return False, f"bad quantity {q!r}"
    if obj["unit"] not in ("kg", "g", "piece"):
        return False, "bad unit"
    return True, "ok"


n = 0
for i, o in enumerate(outputs, 1):
    ok, why = valid(o)
    n += ok
    print(i, ok, why)
print(n)
