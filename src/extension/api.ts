/**
 * What `activate()` returns: read by our integration tests
 * (`extensions.getExtension(...).exports`) and by other extensions.
 */
export interface AiProvenanceApi {
  /** Milliseconds `activate()` took, measured inside the extension host. */
  readonly activationMs: number;
  /** The extension version. */
  readonly version: string;
}
