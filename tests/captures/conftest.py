from tests.captures.test_timestamps import tsa  # noqa: F401 (the loopback TSA, shared)
