import { NODE_MAJOR, nodeRuntimeProblem } from './node-runtime';

describe('nodeRuntimeProblem', () => {
  it('accepts Node 24 and later lines', () => {
    expect(NODE_MAJOR).toBe(24);
    for (const version of ['24.0.0', 'v24.22.3', '25.1.0', '26.12.1']) {
      expect(nodeRuntimeProblem(version)).toBeUndefined();
    }
  });

  it('refuses older lines and says what to do', () => {
    expect(nodeRuntimeProblem('v20.20.2')).toBe(
      'Node 20.20.2: Switchboard needs Node 24 or later. Start it through npm (npm start, npx node …), ' +
        'which runs on the Node 24 that npm ci installed on Linux x64, or install Node 24.',
    );
    expect(nodeRuntimeProblem('22.12.0')).toMatch(/^Node 22\.12\.0: Switchboard needs Node 24/);
  });

  it('refuses a version it cannot read rather than guess', () => {
    expect(nodeRuntimeProblem('unknown')).toMatch(/needs Node 24/);
  });
});
