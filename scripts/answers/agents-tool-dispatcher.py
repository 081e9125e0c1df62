"""Validate and run the ten tool calls in the task; print the sum of the results of the calls that pass."""
import json

PRICES = {"A1": 3.5, "B2": 10, "C3": 0.25}
TOOLS = {
    "add": ({"a": "number", "b": "number"}, lambda a, b: a + b),
    "multiply": ({"a": "number", "b": "number"}, lambda a, b: a * b),
    "get_price": ({"sku": "string"}, lambda sku: PRICES[sku]),
}
calls = [
    '{"name": "add", "arguments": {"a": 2, "b": 3}}',
    '{"name": "multiply", "arguments": {"a": 4, "b": 2.5}}',
    '{"name": "get_price", "arguments": {"sku": "B2"}}',
    '{"name": "add", "arguments": {"a": "7", "b": 1}}',
    '{"name": "divide", "arguments": {"a": 9, "b": 3}}',
    '{"name": "get_price", "arguments": {"sku": "Z9"}}',
    '{"name": "multiply", "arguments": {"a": 3}}',
    '{"name": "get_price", "arguments": {"sku": "A1", "currency": "EUR"}}',
    '{"name": "add", "arguments": {"a": 1.5, "b": -0.5}',
    '{"name": "get_price", "arguments": {"sku": "C3"}}',
]


def typed(v, t):
    if t == "number":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    return isinstance(v, str)


total, accepted = 0.0, 0
for i, c in enumerate(calls, 1):
    try:
        call = json.loads(c)
    except json.JSONDecodeError:
        print(i, "rejected: malformed JSON")
        continue
    if call.get("name") not in TOOLS:
        print(i, "rejected: unknown tool", call.get("name"))
        continue
    params, fn = TOOLS[call["name"]]
    args = call.get("arguments", {})
    if set(args) != set(params) or not all(typed(args[k], t) for k, t in params.items()):
        print(i, "rejected: bad arguments", args)
        continue
    if call["name"] == "get_price" and args["sku"] not in PRICES:
        print(i, "rejected: unknown sku", args["sku"])
        continue
    r = fn(**args)
    total += r
    accepted += 1
    print(i, "ok", r)
print("accepted", accepted, "rejected", len(calls) - accepted)
print(round(total, 2))
