/** Attribution of text to its authors: ranges, lines, reconciliation. */
export * from './contributor';
export * from './attributionMap';
export * from './lines';
export * from './reconcile';
export * from './lineDiff';
export * from './eol';
