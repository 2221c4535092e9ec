/** The product version, shared by the CLI, the extension and the records they write. */
export const VERSION: string = '0.1.0';
/** The tool name written into Agent Trace records and trailers. */
export const TOOL_NAME = 'ai-provenance';
