/**
 * Prints a suite's figures and seed where a person running the suite sees them (Jest shows stderr as
 * it comes; the project's lint keeps `console` out of the code).
 */
export function report(line: string): void {
  process.stderr.write(`[reliability] ${line}\n`);
}
