"""Which of the task's eight versions does `~=1.4.2` accept? Checked with the `packaging` library pip vendors."""
from packaging.specifiers import SpecifierSet

VERSIONS = ["1.4.0", "1.4.2", "1.4.9", "1.5.0", "2.0.0", "1.4.10", "1.4.2.post1", "1.4.3rc1"]
spec = SpecifierSet("~=1.4.2")
ok = list(spec.filter(VERSIONS))
print("accepted", ok, "| with prereleases:", list(spec.filter(VERSIONS, prereleases=True)))
print("equivalent to", SpecifierSet(">=1.4.2,==1.4.*").filter(VERSIONS) and list(SpecifierSet(">=1.4.2,==1.4.*").filter(VERSIONS)))
print(len(ok))
