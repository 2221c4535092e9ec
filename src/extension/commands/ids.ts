/** Every command id the extension registers, in one place (package.json mirrors it). */
export const CommandIds = {
  showOutput: 'aiProvenance.showOutput',
  refresh: 'aiProvenance.refresh',
  showSidebar: 'aiProvenance.showSidebar',
  markSelectionAsAi: 'aiProvenance.markSelectionAsAi',
  markSelectionAsHuman: 'aiProvenance.markSelectionAsHuman',
  acceptInlineSuggestion: 'aiProvenance.acceptInlineSuggestion',
  acceptInlineSuggestionNextWord: 'aiProvenance.acceptInlineSuggestionNextWord',
  acceptInlineSuggestionNextLine: 'aiProvenance.acceptInlineSuggestionNextLine',
  connectAgents: 'aiProvenance.connectAgents',
  createPolicy: 'aiProvenance.createPolicy',
  reviewRequest: 'aiProvenance.review.request',
  reviewApprove: 'aiProvenance.review.approve',
  reviewRequestChanges: 'aiProvenance.review.requestChanges',
  reviewFetch: 'aiProvenance.review.fetch',
  reviewShow: 'aiProvenance.review.show',
  reviewOpenFile: 'aiProvenance.review.openFile',
  reviewSetWebhookSecret: 'aiProvenance.review.setWebhookSecret',
  riskAcknowledge: 'aiProvenance.risk.acknowledge',
  installHooks: 'aiProvenance.installHooks',
  setupNotesSync: 'aiProvenance.setupNotesSync',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

/** View ids contributed in package.json. */
export const ViewIds = {
  container: 'aiProvenance',
  changes: 'aiProvenance.changes',
  risks: 'aiProvenance.risks',
  reviews: 'aiProvenance.reviews',
} as const;
