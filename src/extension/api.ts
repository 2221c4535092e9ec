import { type CommitApi } from './commit';
import { type ReviewIntegrationsApi } from './review/integrations';
import { type RiskApi } from './risk';
import { type TrackingApi } from './tracking';

/**
 * What `activate()` returns: read by our integration tests
 * (`extensions.getExtension(...).exports`) and by other extensions.
 */
export interface AiProvenanceApi {
  /** Milliseconds `activate()` took, measured inside the extension host. */
  readonly activationMs: number;
  /** How `activationMs` splits over the features' registration, for the benchmark. */
  readonly activationParts?: Readonly<Record<string, number>>;
  /** The extension version. */
  readonly version: string;
  /** Line attribution of open documents and the AI Changes data. */
  readonly tracking?: TrackingApi;
  /** Commit provenance: the Source Control input box prefill. */
  readonly commit?: CommitApi;
  /** Risk findings of open documents, the Risks view and the status bar count. */
  readonly risks?: RiskApi;
  /** The optional review integrations (GitHub reviewers, webhook): their runs, and a test seam for the GitHub token. */
  readonly reviewIntegrations?: ReviewIntegrationsApi;
}
