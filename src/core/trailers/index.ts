export * from './types';
export { buildTrailers, creditValue, existingProvenanceId } from './build';
export { sanitizeName, sanitizeTool, MAX_NAME_LENGTH } from './sanitize';
export { creditedByCoAuthor } from './coauthors';
