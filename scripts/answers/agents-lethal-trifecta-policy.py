"""Apply the trifecta rule from the task to the seven tool-call sequences: a call that can send data out is blocked
once the run has read private data and taken in untrusted content; prints the number of blocked calls last."""
PRIVATE = {"read_inbox", "read_file", "search_docs"}
UNTRUSTED = {"read_inbox", "fetch_url"}
EXTERNAL = {"send_email", "post_webhook"}
runs = [
    ["read_file", "calculator", "send_email"],
    ["fetch_url", "send_email"],
    ["read_inbox", "send_email"],
    ["search_docs", "fetch_url", "post_webhook", "send_email"],
    ["send_email", "read_file", "fetch_url"],
    ["fetch_url", "calculator", "read_file", "post_webhook"],
    ["read_file", "post_webhook", "fetch_url", "calculator"],
]
blocked = 0
for i, run in enumerate(runs, 1):
    private = untrusted = False
    for tool in run:
        if tool in EXTERNAL and private and untrusted:
            blocked += 1
            print(i, "blocked", tool)
            continue  # not executed; the run goes on
        private |= tool in PRIVATE
        untrusted |= tool in UNTRUSTED
print(blocked)
