export * from './types';
export { rangeHash, splitLines } from './hash';
export { mapLines } from './lineMap';
export { remapCredits } from './remap';
export { toTraceFile, fromTraceFile, conversationCredit, creditKey, modelId, type LineCredit, type FileCredits } from './credits';
export { createRecord, serializeRecord, parseRecord, TraceParseError, type RecordInit } from './record';
export { combineRecords, combineNoteTexts, parseNoteText } from './combine';
