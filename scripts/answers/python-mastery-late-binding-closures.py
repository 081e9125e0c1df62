"""fs = [lambda x: x * i for i in range(5)]; sum(f(10) for f in fs) with late binding, and with i bound as a default."""
fs = [lambda x: x * i for i in range(5)]
bound = [lambda x, i=i: x * i for i in range(5)]
print("bound early", sum(f(10) for f in bound))
print(sum(f(10) for f in fs))
