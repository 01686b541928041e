import type { AppConfig } from '../../../../libs/config/app-config';
import type { SandboxPhoneSimulator } from '../../../../libs/systems/provisioning/sandbox-phone-simulator';
import type { TemporalClientHolder } from '../../../../libs/temporal/temporal-client.provider';
import { PhoneSimulatorService } from './phone-simulator.service';

describe('PhoneSimulatorService', () => {
  function service(sandbox: boolean) {
    const boot = jest.fn((mac: string) =>
      Promise.resolve({ mac, number: '65001', configFetchedAt: new Date(), registered: true }),
    );
    const signal = jest.fn(() => Promise.resolve());
    const temporal = {
      client: { workflow: { getHandle: jest.fn(() => ({ signal })) } },
    } as unknown as TemporalClientHolder;
    const simulator = { boot } as unknown as SandboxPhoneSimulator;
    return {
      boot,
      signal,
      temporal,
      subject: new PhoneSimulatorService(simulator, temporal, { sandbox } as AppConfig),
    };
  }

  it('is refused outside sandbox mode, before touching anything', async () => {
    const { subject, boot, signal } = service(false);
    await expect(subject.boot('00:04:f2:a1:b2:c3')).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/only in sandbox mode/),
    });
    expect(boot).not.toHaveBeenCalled();
    expect(signal).not.toHaveBeenCalled();
  });

  it('boots the phone by its canonical MAC and tells its registration to look now', async () => {
    const { subject, boot, signal, temporal } = service(true);
    await subject.boot('00-04-F2-A1-B2-C3');
    expect(boot).toHaveBeenCalledWith('0004f2a1b2c3');
    expect(temporal.client.workflow.getHandle).toHaveBeenCalledWith('phone-0004f2a1b2c3');
    expect(signal).toHaveBeenCalledTimes(1);
  });

  it('refuses a malformed MAC with INVALID_MAC', async () => {
    await expect(service(true).subject.boot('ff:ff:ff:ff:ff:ff')).rejects.toMatchObject({
      code: 'INVALID_MAC',
    });
  });
});
