import { describeDuration } from './describe-duration';

describe('describeDuration', () => {
  it.each([
    [7 * 24 * 3600 * 1000, '7 days'],
    [24 * 3600 * 1000, '1 day'],
    [36 * 3600 * 1000, '36 hours'],
    [90 * 60 * 1000, '90 minutes'],
    [2000, '2 seconds'],
    [1500, '2 seconds'],
    [200, '1 second'],
  ])('says %i ms as "%s"', (ms, text) => {
    expect(describeDuration(ms)).toBe(text);
  });
});
