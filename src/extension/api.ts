import { type RiskApi } from './risk';

/**
 * What `activate()` returns: read by our integration tests
 * (`extensions.getExtension(...).exports`) and by other extensions.
 */
export interface AiProvenanceApi {
  /** Milliseconds `activate()` took, measured inside the extension host. */
  readonly activationMs: number;
  /** The extension version. */
  readonly version: string;
  /** Risk findings of open documents, the Risks view and the status bar count. */
  readonly risks?: RiskApi;
}
