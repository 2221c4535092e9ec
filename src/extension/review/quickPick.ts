import * as vscode from 'vscode';

/** Options of {@link pickItems}. */
export interface PickOptions {
  title: string;
  placeholder?: string;
  canPickMany?: boolean;
  ignoreFocusOut?: boolean;
}

/**
 * A quick pick whose items (and, with `canPickMany`, the preselected ones)
 * reach the workbench in the same update that shows it. `showQuickPick`
 * shows the picker first and sends its items afterwards, so an Enter in
 * between accepts an empty list. Resolves the accepted items, or undefined
 * when the picker is hidden without accepting.
 */
export function pickItems<T extends vscode.QuickPickItem>(items: readonly T[], opts: PickOptions): Promise<readonly T[] | undefined> {
  const qp = vscode.window.createQuickPick<T>();
  qp.title = opts.title;
  qp.placeholder = opts.placeholder;
  qp.canSelectMany = opts.canPickMany ?? false;
  qp.ignoreFocusOut = opts.ignoreFocusOut ?? false;
  qp.items = items;
  if (qp.canSelectMany) qp.selectedItems = items.filter((i) => i.picked);
  return new Promise((resolve) => {
    let result: readonly T[] | undefined;
    qp.onDidAccept(() => {
      result = qp.canSelectMany ? qp.selectedItems : qp.activeItems.slice(0, 1);
      qp.hide();
    });
    qp.onDidHide(() => {
      qp.dispose();
      resolve(result);
    });
    qp.show();
  });
}
