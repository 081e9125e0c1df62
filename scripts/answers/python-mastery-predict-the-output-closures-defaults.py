"""Run the task's snippet as written: a mutable default, late-binding lambdas and an exhausted generator."""
SNIPPET = '''
def add_tag(tag, tags=[]):
    tags.append(tag)
    return tags

a = add_tag("x")
b = add_tag("y")
fns = [lambda: i * 10 for i in range(4)]
gen = (n * n for n in range(5))
first = sum(gen)
second = sum(gen)
print(len(a) + len(b) + sum(f() for f in fns) + first + second)
'''
exec(SNIPPET, {})
