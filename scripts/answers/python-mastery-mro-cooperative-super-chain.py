"""C3 linearisation and cooperative super(): one class that forgets super() cuts the chain."""


class Base:
    def describe(self):
        return ["Base"]


class Loader(Base):
    def describe(self):
        return ["Loader"] + super().describe()


class Cache(Base):
    def describe(self):
        return ["Cache"] + super().describe()


class Retry(Base):
    def describe(self):
        return ["Retry"]  # forgets super()


class CachedLoader(Cache, Loader):
    def describe(self):
        return ["CachedLoader"] + super().describe()


class RetryLoader(Retry, Loader):
    def describe(self):
        return ["RetryLoader"] + super().describe()


class Pipeline(CachedLoader, RetryLoader):
    def describe(self):
        return ["Pipeline"] + super().describe()


print("MRO:", " > ".join(c.__name__ for c in Pipeline.__mro__))
print(" > ".join(Pipeline().describe()))
