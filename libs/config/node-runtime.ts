/**
 * The Node line Switchboard runs on. Older lines fail in ways that say nothing about the cause
 * (better-sqlite3's prebuilt addon crashes Node 20 with a segmentation fault), so the apps check the
 * runtime before anything loads.
 */
export const NODE_MAJOR = 24;

/** Why this Node cannot run Switchboard, or undefined when it can. */
export function nodeRuntimeProblem(version: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (major >= NODE_MAJOR) return undefined;
  return (
    `Node ${version.replace(/^v/, '')}: Switchboard needs Node ${NODE_MAJOR} or later. ` +
    'Start it through npm (npm start, npx node …), which runs on the Node 24 that npm ci installed ' +
    'on Linux x64, or install Node 24.'
  );
}
