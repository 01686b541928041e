import { Timeline } from './timeline';

const steps = [
  { id: 'reserve', system: 'inventory', action: 'Reserve' },
  { id: 'sip', system: 'pbx', action: 'Create SIP account' },
  { id: 'publish', system: 'directory', action: 'Publish' },
] as const;

function clock() {
  let t = Date.parse('2026-01-01T00:00:00Z');
  return () => new Date((t += 1000));
}

describe('Timeline', () => {
  it('starts with every step pending and nothing to undo', () => {
    const timeline = new Timeline('r1', 'TEST', steps, clock());
    expect(timeline.progress).toMatchObject({
      requestId: 'r1',
      kind: 'TEST',
      status: 'ACCEPTED',
      pastPointOfNoReturn: false,
    });
    expect(timeline.progress.steps.map((s) => [s.id, s.status, s.attempts, s.undo])).toEqual([
      ['reserve', 'PENDING', 0, 'NONE'],
      ['sip', 'PENDING', 0, 'NONE'],
      ['publish', 'PENDING', 0, 'NONE'],
    ]);
  });

  it('refuses duplicate or unknown step ids', () => {
    expect(() => new Timeline('r', 'T', [steps[0], steps[0]], clock())).toThrow(/duplicate step ids/);
    expect(() => new Timeline('r', 'T', steps, clock()).step('nope')).toThrow(/unknown step/);
  });

  it('adds up attempts across rounds and clears the error on success', () => {
    const timeline = new Timeline('r', 'T', steps, clock());
    timeline.started('sip');
    timeline.failed('sip', { message: 'PBX down', type: 'SystemUnavailable', attempts: 3 });
    expect(timeline.step('sip')).toMatchObject({ status: 'FAILED', attempts: 3, lastError: 'PBX down' });
    timeline.started('sip');
    timeline.succeeded('sip', 2, 'already in place');
    expect(timeline.step('sip')).toMatchObject({
      status: 'SUCCEEDED',
      attempts: 5,
      note: 'already in place',
      lastError: undefined,
    });
  });

  it('records why a step was skipped when a note is given', () => {
    const timeline = new Timeline('r', 'T', steps, clock());
    timeline.skipped('publish', 'nothing to publish');
    expect(timeline.step('publish')).toMatchObject({ status: 'SKIPPED', note: 'nothing to publish' });
    timeline.skipped('sip');
    expect(timeline.step('sip').note).toBeUndefined();
  });

  it('records undo outcomes', () => {
    const timeline = new Timeline('r', 'T', steps, clock());
    timeline.undoReady('reserve');
    timeline.undoStarted('reserve');
    timeline.undoFailed('reserve', { message: 'db locked', attempts: 3 });
    expect(timeline.step('reserve')).toMatchObject({
      undo: 'FAILED',
      undoAttempts: 3,
      undoError: 'db locked',
    });
    timeline.undoStarted('reserve');
    timeline.undoDone('reserve', 1);
    expect(timeline.step('reserve')).toMatchObject({ undo: 'DONE', undoAttempts: 4, undoError: undefined });
  });

  it('parks and resumes', () => {
    const timeline = new Timeline('r', 'T', steps, clock());
    timeline.park({
      stepId: 'sip',
      system: 'pbx',
      phase: 'step',
      error: 'down',
      allowedActions: ['retry', 'compensate'],
    });
    expect(timeline.progress.status).toBe('NEEDS_ATTENTION');
    expect(timeline.progress.parked).toMatchObject({ stepId: 'sip', since: expect.any(String) });
    timeline.unpark('RUNNING');
    expect(timeline.progress).toMatchObject({ status: 'RUNNING', parked: undefined });
  });

  it('marks unreached steps and hands out independent snapshots', () => {
    const timeline = new Timeline('r', 'T', steps, clock());
    timeline.started('reserve');
    timeline.succeeded('reserve', 1);
    const before = timeline.snapshot();
    timeline.markRemainingNotRun();
    expect(timeline.progress.steps.map((s) => s.status)).toEqual(['SUCCEEDED', 'NOT_RUN', 'NOT_RUN']);
    expect(before.steps[1].status).toBe('PENDING');
  });
});
