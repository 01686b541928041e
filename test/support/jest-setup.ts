// Integration suites talk to real servers on a 2-core machine: give each test room, and rely on
// polling (never fixed sleeps) inside the tests for speed.
jest.setTimeout(120_000);
