import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../contracts/search-attributes';
import { SearchAttributeType } from '@temporalio/common';

/**
 * Registers Switchboard's custom search attributes on the namespace if they are missing. The dev
 * server gets them as start flags; a real cluster gets them here, once, at worker start.
 */
export async function ensureSearchAttributes(address: string, namespace: string): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const known = new Set(Object.keys(existing.customAttributes ?? {}));
    const missing = SEARCH_ATTRIBUTES.filter((key) => !known.has(key.name));
    if (missing.length === 0) return [];
    const KEYWORD = 2; // temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(
        missing.map((key) => {
          if (key.type !== SearchAttributeType.KEYWORD)
            throw new Error(`unsupported attribute type for ${key.name}`);
          return [key.name, KEYWORD];
        }),
      ),
    });
    return missing.map((key) => key.name);
  } finally {
    await connection.close();
  }
}
