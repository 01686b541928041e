import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  type ASTVisitor,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * What one GraphQL document may ask for. The portal's own documents stay well inside them (checked
 * by query-limits.spec.ts); a document past one is refused before anything runs.
 */
export const QUERY_LIMITS = {
  /** Lexical tokens of the document, checked while parsing, before any other work is done. */
  tokens: 5000,
  /** Nesting of fields, leaves included; the portal's deepest document has 7 levels. */
  depth: 10,
  /** Aliases repeat a field: 1,000 of `myRequests` once made one request 27 MB and 8 s long. */
  aliases: 15,
  /** graphql-armor's estimate: 1 per scalar and 2 per object, times 1.5 per level of depth. */
  cost: 5000,
  /** Each mutation field starts a request of its own. */
  mutations: 5,
} as const satisfies Record<string, number>;
export type QueryLimits = { readonly [K in keyof typeof QUERY_LIMITS]: number };

/** The error code of each limit: the client learns which one it met. */
export const QueryLimitCode = {
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
  TOO_MANY_MUTATIONS: 'TOO_MANY_MUTATIONS',
} as const;
export type QueryLimitCode = (typeof QueryLimitCode)[keyof typeof QueryLimitCode];

export function isQueryLimitCode(code: unknown): code is QueryLimitCode {
  return typeof code === 'string' && code in QueryLimitCode;
}

/**
 * graphql-armor's rules throw by default, which aborts validation with an unlabelled error; reported
 * instead, the refusal is an ordinary validation error that carries our code and what to do.
 */
function reportAs(code: QueryLimitCode, advice: string) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    const found = error.message.replace(/^Syntax Error: /, '');
    context?.reportError(new GraphQLError(`${found} ${advice}`, { extensions: { code } }));
  };
}

function mutationFields(
  selectionSet: SelectionSetNode,
  context: ValidationContext,
  seen: Set<string>,
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += mutationFields(selection.selectionSet, context, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += mutationFields(fragment.selectionSet, context, seen);
    }
  }
  return count;
}

/** At most `max` mutation fields in the whole document (fragments spread at the root count too). */
export function maxMutationsRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      let count = 0;
      for (const definition of document.definitions) {
        if (
          definition.kind === Kind.OPERATION_DEFINITION &&
          definition.operation === OperationTypeNode.MUTATION
        )
          count += mutationFields(definition.selectionSet, context, new Set());
      }
      if (count > max) {
        context.reportError(
          new GraphQLError(
            `Mutations limit of ${max} per request exceeded, found ${count}. Send the others in further requests.`,
            { extensions: { code: QueryLimitCode.TOO_MANY_MUTATIONS } },
          ),
        );
      }
    },
  });
}

/** The validation rules that enforce QUERY_LIMITS, for Apollo's `validationRules`. */
export function queryLimitRules(limits: QueryLimits = QUERY_LIMITS): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    maxDepthRule({
      ...common,
      n: limits.depth,
      onReject: [reportAs(QueryLimitCode.QUERY_TOO_DEEP, 'Ask for fewer nested fields, or split the query.')],
    }),
    maxAliasesRule({
      ...common,
      n: limits.aliases,
      onReject: [
        reportAs(
          QueryLimitCode.TOO_MANY_ALIASES,
          'Each alias runs its field again: use fewer, or send several requests.',
        ),
      ],
    }),
    costLimitRule({
      ...common,
      maxCost: limits.cost,
      onReject: [
        reportAs(QueryLimitCode.QUERY_TOO_COSTLY, 'Ask for fewer fields at once, or split the query.'),
      ],
    }),
    maxMutationsRule(limits.mutations),
  ];
}
