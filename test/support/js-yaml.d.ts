// js-yaml 4 is installed as a dependency of ESLint (not a dependency of ours, and not added): the
// docker-compose.yml check uses its parser. Only the one function it calls is declared.
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
