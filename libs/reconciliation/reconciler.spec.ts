import type { DhcpPort } from '../systems/dhcp/dhcp.port';
import type { DirectoryPort } from '../systems/directory/directory.port';
import type { NetworkDatabasePort } from '../systems/network/network-database.port';
import type { PbxPort, SipAccount } from '../systems/pbx/pbx.port';
import { isSystemError } from '../systems/system-error';
import type { DriftFinding } from './compare';
import type { InventoryNumber } from './expectations';
import type { InventoryReader } from './inventory-reader';
import type { ReconciliationStore } from './reconciliation-store';
import { Reconciler } from './reconciler';

function reconcilerWith(pbx: Partial<PbxPort>, inventory: Partial<InventoryReader> = {}) {
  const recorded: DriftFinding[] = [];
  const store = {
    recordDrift: (_run: string, f: DriftFinding[]) => Promise.resolve(void recorded.push(...f)),
  };
  const reconciler = new Reconciler({
    pbx: pbx as PbxPort,
    directory: {} as DirectoryPort,
    network: {} as NetworkDatabasePort,
    dhcp: {} as DhcpPort,
    inventory: inventory as InventoryReader,
    store: store as unknown as ReconciliationStore,
    pools: [{ first: 70000, last: 79999 }],
  });
  return { reconciler, recorded };
}

const accounts = (...extensions: string[]): SipAccount[] =>
  extensions.map((extension) => ({ extension, displayName: 'x' }));

describe('Reconciler', () => {
  it('pages through a system: a full page points at the next, a short one is the last', async () => {
    const pages = [accounts('70001', '70099'), accounts('80001')];
    const { reconciler, recorded } = reconcilerWith(
      { listSipAccounts: () => Promise.resolve(pages.shift() ?? []) },
      {
        numbers: (numbers: string[]) =>
          Promise.resolve(
            new Map(
              numbers
                .filter((n) => n !== '80001')
                .map((n): [string, InventoryNumber] => [
                  n,
                  {
                    number: n,
                    type: 'PERSONAL',
                    state: n === '70001' ? 'ACTIVE' : 'AVAILABLE',
                    ownerLogin: null,
                    description: null,
                    managersGroup: null,
                    inPhonebook: true,
                    busy: false,
                  },
                ]),
            ),
          ),
      },
    );
    const first = await reconciler.scanPage({ runId: 'r', system: 'pbx', pass: 'system', limit: 2 });
    expect(first).toEqual({ next: '70099', checked: 2, drift: 1 });
    const second = await reconciler.scanPage({
      runId: 'r',
      system: 'pbx',
      pass: 'system',
      after: '70099',
      limit: 2,
    });
    expect(second).toEqual({ next: undefined, checked: 1, drift: 1 });
    expect(recorded.map((d) => d.resource)).toEqual(['70099', '80001']);
  });

  it('reports, for good, a driver that cannot list what reconciliation needs', async () => {
    const { reconciler } = reconcilerWith({});
    const error = await reconciler
      .scanPage({ runId: 'r', system: 'pbx', pass: 'system', limit: 10 })
      .catch((e: unknown) => e);
    expect(isSystemError(error) && !error.transient).toBe(true);
    expect((error as Error).message).toBe(
      'the configured pbx driver cannot list SIP accounts yet, which reconciliation needs',
    );
  });
});
