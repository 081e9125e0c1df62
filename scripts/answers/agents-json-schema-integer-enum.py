"""Validate the ten tool-argument payloads in the task against the schema by JSON Schema's rules (an integer is any
number with a zero fractional part, enum compares numbers by value, booleans are not numbers); prints the valid count."""
import json

payloads = [
    '{"page": 1}', '{"page": 1.0}', '{"page": "2"}', '{"page": 2, "size": 20}', '{"page": 2, "size": 25}',
    '{"size": 10}', '{"page": 0}', '{"page": 3, "size": 20.0}', '{"page": true}', '{"page": 4, "Size": 10}',
]


def is_integer(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer()


def errors(doc):
    out = []
    extra = set(doc) - {"page", "size"}
    if extra:
        out.append(f"additional properties {sorted(extra)}")
    if "page" not in doc:
        out.append("page is required")
    elif not is_integer(doc["page"]):
        out.append("page is not an integer")
    elif doc["page"] < 1:
        out.append("page below minimum 1")
    if "size" in doc and not (is_integer(doc["size"]) and doc["size"] in (10, 20, 50)):
        out.append("size not in enum")
    return out


valid = 0
for i, text in enumerate(payloads, 1):
    e = errors(json.loads(text))
    valid += not e
    print(i, text, "valid" if not e else e)
print(valid)
