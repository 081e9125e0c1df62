"""Run the scripted agent from the task through a loop with a budget of model calls; tool calls in one reply run
concurrently. Prints the tool runs and wall time for budgets 4 and 6, then the wall time (ms) for budget 4 last."""
MODEL_MS = 800
TOOL_MS = {"search": 300, "get_weather": 200, "book_hotel": 500}
SCRIPT = [  # what the model replies on each call, in order
    [("search", "flights LHR JFK")],
    [("search", "hotels near JFK"), ("get_weather", "New York")],
    [("search", "hotels near JFK")],
    [("book_hotel", "H12")],
    "final answer",
]


def run(budget):
    elapsed, tool_runs, history = 0, 0, []
    for step in range(budget):
        elapsed += MODEL_MS
        reply = SCRIPT[step]
        if isinstance(reply, str):
            return "finished", elapsed, tool_runs, history
        if step == budget - 1:
            return "budget exhausted", elapsed, tool_runs, history  # no model call left to read the results
        elapsed += max(TOOL_MS[name] for name, _ in reply)
        tool_runs += len(reply)
        history.append(reply)
    return "budget exhausted", elapsed, tool_runs, history


for b in (4, 6):
    status, ms, runs, _ = run(b)
    print("budget", b, status, "tool runs", runs, "wall ms", ms)
print(run(4)[1])
