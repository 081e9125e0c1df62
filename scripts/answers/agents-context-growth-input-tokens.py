"""Input tokens billed over an agent run that re-sends the whole conversation on every call (numbers from the task);
prints the total input tokens last."""
prefix, user, call_out, tool_result, steps = 1200, 100, 60, 400, 8
calls = steps + 1
inputs = [prefix + user + k * (call_out + tool_result) for k in range(calls)]
print("per call", inputs, "output tokens", steps * call_out + 150)
print("if the context did not grow", calls * (prefix + user))
print(sum(inputs))
