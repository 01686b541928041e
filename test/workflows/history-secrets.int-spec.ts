import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { phoneBootedSignal } from '../../libs/contracts/phones';
import type { RequestEntity } from '../../libs/persistence/entities';
import { SipCredentialVault } from '../../libs/systems/pbx/sip-credentials';
import { seedPerson } from '../support/factories';
import { leaksIn } from '../support/history-secrets';
import {
  bootPhone,
  requestPhoneRegistration,
  seedActiveNumber,
  waitForPhone,
} from '../support/phone-fixtures';
import { requestPersonalNumber, resultOf } from '../support/workflow-helpers';
import { World } from '../support/world';

type History = temporal.api.history.v1.IHistory;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const payload = (value: unknown) => defaultPayloadConverter.toPayload(value);

/** A copy of a real history with one more event, as Temporal would have recorded it (no id). */
function withEvent(history: History, event: HistoryEvent): History {
  return { events: [...structuredClone(history.events ?? []), event] };
}

/** The same, with the started event changed. */
function withStart(
  history: History,
  change: (started: temporal.api.history.v1.IWorkflowExecutionStartedEventAttributes) => void,
): History {
  const copy = { events: structuredClone(history.events ?? []) };
  change(copy.events[0].workflowExecutionStartedEventAttributes!);
  return copy;
}

/**
 * The secrecy check of test/support/history-secrets.ts can fail: a boot secret or a SIP password
 * planted anywhere Temporal keeps data in a history is found, decoded with the data converter.
 * The histories themselves (every workflow of a run) are checked in test/replay's recording suite.
 */
describe('the check for secrets in workflow histories (real Temporal, PostgreSQL)', () => {
  let world: World;
  let history: History;
  let bootSecret: string;
  let sipPassword: string;
  let execution: { workflowId: string; runId: string };
  let lineRequest: RequestEntity;

  beforeAll(async () => {
    world = await World.start();
    await world.startWorker();
    // A line made by the real workflow (so its SIP password went through its activities), then a
    // phone registered on it and booted.
    const person = await seedPerson(world.sandbox);
    lineRequest = await requestPersonalNumber(world, person.login);
    const number = (await resultOf(world.client, lineRequest)).result!.number;
    sipPassword = (await world.app.get(SipCredentialVault).reveal(number))!;
    const { request, phoneId, mac } = await requestPhoneRegistration(world, {
      requester: person.login,
      number,
    });
    const waiting = await waitForPhone(world, phoneId, (p) => p.activation === 'PENDING_FIRST_BOOT');
    bootSecret = waiting.provisioningSecret!;
    await bootPhone(world, mac);
    expect((await resultOf(world.client, request)).status).toBe('COMPLETED');
    execution = { workflowId: request.workflowId, runId: request.runId! };
    history = await world.client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('finds neither secret in the real histories of the line and of the registration', async () => {
    expect(bootSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sipPassword).toHaveLength(20);
    expect(leaksIn(history, [bootSecret, sipPassword], execution)).toEqual([]);
    const line = { workflowId: lineRequest.workflowId, runId: lineRequest.runId! };
    const lineHistory = await world.client.workflow.getHandle(line.workflowId, line.runId).fetchHistory();
    expect(leaksIn(lineHistory, [bootSecret, sipPassword], line)).toEqual([]);
  });

  it('finds a secret that a signal carried into the real history', async () => {
    // Temporal records a signal's arguments even when the handler takes none.
    const person = await seedPerson(world.sandbox);
    const number = await seedActiveNumber(world, { owner: person.login });
    const { request, phoneId, mac } = await requestPhoneRegistration(world, {
      requester: person.login,
      number,
    });
    await waitForPhone(world, phoneId, (p) => p.activation === 'PENDING_FIRST_BOOT');
    const running = world.client.workflow.getHandle(request.workflowId, request.runId!);
    await running.signal(phoneBootedSignal.name, { leaked: sipPassword });
    await bootPhone(world, mac);
    await resultOf(world.client, request);

    const leaks = leaksIn(await running.fetchHistory(), [sipPassword], {
      workflowId: request.workflowId,
      runId: request.runId!,
    });
    expect(leaks.map((l) => l.path)).toEqual([
      expect.stringMatching(/^\.workflowExecutionSignaledEventAttributes\.input\.payloads\.0$/),
    ]);
  });

  const failure = (details: unknown) => ({
    message: 'refused',
    applicationFailureInfo: { type: 'SystemRejected', details: { payloads: [payload(details)] } },
  });

  const planted: Array<[string, (secret: string) => History, RegExp]> = [
    [
      'the workflow input',
      (secret) => withStart(history, (s) => (s.input = { payloads: [payload({ mac: 'x', secret })] })),
      /^\.workflowExecutionStartedEventAttributes\.input\.payloads\.0$/,
    ],
    [
      'the memo',
      (secret) => withStart(history, (s) => (s.memo = { fields: { note: payload(secret) } })),
      /\.memo\.fields\.note$/,
    ],
    [
      'a search attribute',
      (secret) =>
        withStart(history, (s) => (s.searchAttributes = { indexedFields: { Requester: payload(secret) } })),
      /\.searchAttributes\.indexedFields\.Requester$/,
    ],
    [
      'a header',
      (secret) => withStart(history, (s) => (s.header = { fields: { auth: payload({ token: secret }) } })),
      /\.header\.fields\.auth$/,
    ],
    [
      "a local activity's marker",
      (secret) =>
        withEvent(history, {
          markerRecordedEventAttributes: {
            markerName: 'core_local_activity',
            details: { data: { payloads: [payload({ value: { bootUrl: `http://p/${secret}/` } })] } },
          },
        }),
      /^\.markerRecordedEventAttributes\.details\.data\.payloads\.0$/,
    ],
    [
      "an activity's input",
      (secret) =>
        withEvent(history, {
          activityTaskScheduledEventAttributes: { input: { payloads: [payload({ password: secret })] } },
        }),
      /^\.activityTaskScheduledEventAttributes\.input\.payloads\.0$/,
    ],
    [
      "an activity's result",
      (secret) =>
        withEvent(history, {
          activityTaskCompletedEventAttributes: { result: { payloads: [payload({ value: secret })] } },
        }),
      /^\.activityTaskCompletedEventAttributes\.result\.payloads\.0$/,
    ],
    [
      "a failure's details",
      (secret) =>
        withEvent(history, { activityTaskFailedEventAttributes: { failure: failure({ password: secret }) } }),
      /\.failure\.applicationFailureInfo\.details\.payloads\.0$/,
    ],
    [
      "a failure's message",
      (secret) =>
        withEvent(history, {
          activityTaskFailedEventAttributes: { failure: { message: `no answer from http://p/${secret}/` } },
        }),
      /^\.activityTaskFailedEventAttributes\.failure\.message$/,
    ],
    [
      "an update's arguments",
      (secret) =>
        withEvent(history, {
          workflowExecutionUpdateAcceptedEventAttributes: {
            acceptedRequest: {
              input: { name: 'resolve', args: { payloads: [payload({ reason: secret })] } },
            },
          },
        }),
      /\.acceptedRequest\.input\.args\.payloads\.0$/,
    ],
    [
      "a child's input",
      (secret) =>
        withEvent(history, {
          startChildWorkflowExecutionInitiatedEventAttributes: {
            input: { payloads: [payload({ secret })] },
          },
        }),
      /^\.startChildWorkflowExecutionInitiatedEventAttributes\.input\.payloads\.0$/,
    ],
    [
      'a binary payload',
      (secret) =>
        withEvent(history, {
          activityTaskCompletedEventAttributes: {
            result: { payloads: [payload(new TextEncoder().encode(`secret=${secret}`))] },
          },
        }),
      /\.result\.payloads\.0$/,
    ],
  ];

  it.each(planted)('finds a secret planted in %s', (_where, plant, path) => {
    for (const secret of [bootSecret, sipPassword]) {
      const leaks = leaksIn(plant(secret), [bootSecret, sipPassword], execution);
      expect(leaks).toEqual([expect.objectContaining({ secret, path: expect.stringMatching(path) })]);
    }
  });
});
