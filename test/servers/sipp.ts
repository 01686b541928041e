import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freeUdpPort, makeTempDir, removeTempDir, runCommand, tailFile } from './daemon';

export { freeUdpPort };

/**
 * A real SIP REGISTER sent by `sipp` (Debian package sip-tester), answering a digest challenge the
 * way a desk phone does, and reporting the registrar's final answer.
 */

export interface SippRegisterOptions {
  /** Registrar address. */
  host: string;
  port: number;
  /** SIP domain: Request-URI, From and To host (the registrar's realm). */
  domain: string;
  user: string;
  password: string;
  /** Expires header in seconds; 0 unregisters. Default 3600. */
  expires?: number;
  /** Local UDP port sipp sends from (a free one by default). */
  localPort?: number;
  /** How long sipp waits for each response (ms); default 5000. */
  recvTimeoutMs?: number;
  /** Hard limit for the whole sipp run (ms); default 20000. */
  timeoutMs?: number;
  /** Run sipp inside this network namespace (a phone's), sending from `localIp`. */
  netns?: string;
  /** Local address sipp sends from and puts in Via/Contact; 127.0.0.1 by default. */
  localIp?: string;
}

export interface SippRegisterResult {
  /** Final status code: the registrar's answer to the last REGISTER sipp sent. */
  status: number;
  /** Status codes of every response received, in order (e.g. [401, 200]). */
  responses: number[];
  /** The Contact sipp registered, as it should appear in the location table. */
  contact: string;
}

// A REGISTER, then (if challenged) the same REGISTER with credentials. sipp 3.6 does not expand
// [field0] inside [authentication ...], so the whole keyword comes from the CSV (field2). The
// optional receives only steer the flow: the final status is read from the message trace, so an
// unexpected code still yields a result instead of a sipp failure to decode.
const SCENARIO = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="switchboard register">
  <send retrans="500">
    <![CDATA[
      REGISTER sip:[field1] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      Max-Forwards: 70
      From: <sip:[field0]@[field1]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[field0]@[field1]>
      Call-ID: [call_id]
      CSeq: 1 REGISTER
      Contact: <sip:[field0]@[local_ip]:[local_port]>
      Expires: [field3]
      User-Agent: switchboard-sipp
      Content-Length: 0

    ]]>
  </send>
  <recv response="200" optional="true" next="done"/>
  <recv response="403" optional="true" next="done"/>
  <recv response="404" optional="true" next="done"/>
  <recv response="401" auth="true"/>
  <send retrans="500">
    <![CDATA[
      REGISTER sip:[field1] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      Max-Forwards: 70
      From: <sip:[field0]@[field1]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[field0]@[field1]>
      Call-ID: [call_id]
      CSeq: 2 REGISTER
      Contact: <sip:[field0]@[local_ip]:[local_port]>
      [field2]
      Expires: [field3]
      User-Agent: switchboard-sipp
      Content-Length: 0

    ]]>
  </send>
  <recv response="401" optional="true" next="done"/>
  <recv response="403" optional="true" next="done"/>
  <recv response="404" optional="true" next="done"/>
  <recv response="200"/>
  <label id="done"/>
</scenario>
`;

const LOCAL_IP = '127.0.0.1';

// These characters would end the CSV field or the [authentication ...] keyword early.
const UNSAFE = /[;\]\s]/;

interface TracedMessage {
  direction: 'sent' | 'received';
  status?: number;
  cseq?: number;
}

/** Reads sipp's -trace_msg file: blocks separated by dashed lines, each "... sent" or "... received". */
function parseTrace(text: string): TracedMessage[] {
  return text
    .split(/^-{20,}.*$/m)
    .map((block) => block.trim())
    .filter((block) => block.length > 0)
    .map((block) => {
      const direction = /message received/i.test(block.split('\n', 1)[0] ?? '') ? 'received' : 'sent';
      const status = /^SIP\/2\.0 (\d{3})/m.exec(block)?.[1];
      const cseq = /^CSeq:\s*(\d+)/im.exec(block)?.[1];
      return {
        direction,
        status: status === undefined ? undefined : Number(status),
        cseq: cseq === undefined ? undefined : Number(cseq),
      };
    });
}

/**
 * Registers `user` with a real sipp run and resolves with the registrar's final answer (200 on
 * success; 401/403 on refused credentials). Rejects, with sipp's output, when no final answer came.
 */
export async function sippRegister(options: SippRegisterOptions): Promise<SippRegisterResult> {
  for (const [name, value] of Object.entries({
    user: options.user,
    password: options.password,
    domain: options.domain,
  })) {
    if (value.length === 0 || UNSAFE.test(value)) {
      throw new Error(
        `sippRegister: ${name} must be non-empty without ';', ']' or whitespace (sipp CSV injection)`,
      );
    }
  }
  const dir = await makeTempDir('sipp');
  try {
    // The chosen port can be taken between the check and sipp's bind: retry with another.
    for (let attempt = 1; ; attempt += 1) {
      // In a namespace the root namespace's free ports say nothing, but a clash is retried anyway.
      const localPort = options.localPort ?? (await freeUdpPort());
      const outcome = await runOnce(dir, options, localPort);
      if (outcome.kind === 'result') return outcome.result;
      if (!outcome.bindFailed || options.localPort !== undefined || attempt >= 3)
        throw new Error(outcome.message);
    }
  } finally {
    await removeTempDir(dir);
  }
}

/** The same REGISTER with a password that cannot be right (the given one with a suffix). */
export function sippRegisterWithWrongPassword(options: SippRegisterOptions): Promise<SippRegisterResult> {
  return sippRegister({ ...options, password: `${options.password}-wrong` });
}

type Outcome =
  { kind: 'result'; result: SippRegisterResult } | { kind: 'failed'; message: string; bindFailed: boolean };

async function runOnce(dir: string, options: SippRegisterOptions, localPort: number): Promise<Outcome> {
  const scenario = join(dir, 'register.xml');
  const csv = join(dir, 'users.csv');
  const trace = join(dir, 'messages.log');
  const errors = join(dir, 'errors.log');
  writeFileSync(scenario, SCENARIO);
  const expires = options.expires ?? 3600;
  writeFileSync(
    csv,
    `SEQUENTIAL\n${options.user};${options.domain};[authentication username=${options.user} password=${options.password}];${expires};\n`,
  );
  writeFileSync(trace, '');
  const timeoutMs = options.timeoutMs ?? 20_000;
  const localIp = options.localIp ?? LOCAL_IP;
  const sippArgs = [
    `${options.host}:${options.port}`,
    '-sf',
    scenario,
    '-inf',
    csv,
    '-m',
    '1',
    '-i',
    localIp,
    '-p',
    String(localPort),
    '-recv_timeout',
    String(options.recvTimeoutMs ?? 5_000),
    '-timeout',
    `${Math.ceil(timeoutMs / 1000)}s`,
    '-timeout_error',
    '-nostdin',
    '-trace_msg',
    '-message_file',
    trace,
    '-trace_err',
    '-error_file',
    errors,
  ];
  const run = await runCommand(
    options.netns ? 'ip' : 'sipp',
    options.netns ? ['netns', 'exec', options.netns, 'sipp', ...sippArgs] : sippArgs,
    // sipp's own -timeout should end it first; this is the backstop.
    { cwd: dir, timeoutMs: timeoutMs + 10_000 },
  );

  const messages = parseTrace(readFileSync(trace, 'utf8'));
  const lastSent = messages.filter((m) => m.direction === 'sent' && m.status === undefined).at(-1);
  const responses = messages.filter((m) => m.direction === 'received' && m.status !== undefined);
  const final = responses
    .filter((m) => lastSent !== undefined && m.cseq === lastSent.cseq && m.status! >= 200)
    .at(-1);
  if (final?.status !== undefined) {
    return {
      kind: 'result',
      result: {
        status: final.status,
        responses: responses.map((m) => m.status!),
        contact: `sip:${options.user}@${localIp}:${localPort}`,
      },
    };
  }
  const output = `${run.stdout}\n${run.stderr}`;
  return {
    kind: 'failed',
    bindFailed: lastSent === undefined && /bind|address already in use/i.test(output),
    message:
      `sipp got no final answer to REGISTER from ${options.host}:${options.port} ` +
      `(exit ${String(run.code)}, signal ${String(run.signal)}, responses [${responses.map((m) => m.status).join(', ')}])\n` +
      `--- sipp output (tail) ---\n${output.split('\n').slice(-25).join('\n')}\n` +
      `--- sipp errors ---\n${tailFile(errors, 20)}`,
  };
}
