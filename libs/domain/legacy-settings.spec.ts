import { setAgainSentence, settingsToSetAgain } from './legacy-settings';

describe('legacy settings to set again', () => {
  it('names forwarding and voicemail that were on, with their values, forwarding first', () => {
    expect(
      settingsToSetAgain({ voicemail: 'on, 4 rings', forwarding: '+41 22 767 1234', line: 'A-17' }),
    ).toEqual(['call forwarding (+41 22 767 1234)', 'voicemail (on, 4 rings)']);
    expect(setAgainSentence({ Voicemail: 'on' })).toBe(
      'The new line does not take over your voicemail (on): set it again on the new line.',
    );
    expect(setAgainSentence({ forwarding: '65001', voicemail: 'on' })).toBe(
      'The new line does not take over your call forwarding (65001) and voicemail (on): set them again on the new line.',
    );
  });

  it('says nothing of settings that were off, unset or not forwarding/voicemail', () => {
    expect(settingsToSetAgain({ forwarding: 'none', voicemail: 'Off', line: 'A-17' })).toEqual([]);
    expect(setAgainSentence({ forwarding: ' ' })).toBeUndefined();
    expect(setAgainSentence({})).toBeUndefined();
  });

  it('keeps a long value readable', () => {
    expect(settingsToSetAgain({ forwarding: 'x'.repeat(500) })[0]).toHaveLength(
      'call forwarding ()'.length + 120,
    );
  });
});
