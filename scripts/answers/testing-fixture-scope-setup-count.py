"""Run pytest on the task's conftest and two test files and count how often each fixture is set up."""
import os
import subprocess
import sys
import tempfile
import textwrap

FILES = {
    "conftest.py": '''
        import pytest
        CALLS = {"data": 0, "model": 0}

        @pytest.fixture(scope="module")
        def data():
            CALLS["data"] += 1
            return list(range(10))

        @pytest.fixture
        def model(data):
            CALLS["model"] += 1
            return sum(data)

        def pytest_sessionfinish(session):
            print("\\nCALLS", CALLS["data"], CALLS["model"])
    ''',
    "test_a.py": '''
        import pytest

        @pytest.mark.parametrize("k", [1, 2, 3])
        def test_uses_model(model, k):
            assert model > k

        def test_only_data(data):
            assert len(data) == 10
    ''',
    "test_b.py": '''
        import pytest

        @pytest.mark.parametrize("k", [1, 2])
        @pytest.mark.parametrize("m", ["a", "b"])
        def test_grid(model, k, m):
            assert model

        def test_no_fixture():
            assert True
    ''',
}
with tempfile.TemporaryDirectory() as d:
    for name, body in FILES.items():
        with open(os.path.join(d, name), "w") as f:
            f.write(textwrap.dedent(body))
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", d],
                         capture_output=True, text=True, cwd=d).stdout
print(out)
calls = next(line for line in out.splitlines() if line.startswith("CALLS")).split()[1:]
print("data setups", calls[0], "model setups", calls[1])
print(calls[0])
