import * as vscode from 'vscode';

/**
 * A sidebar section backed by a tree. Until a feature fills it, it has no
 * items and VS Code shows the view's welcome content (package.json
 * `viewsWelcome`).
 */
export class SectionTree implements vscode.TreeDataProvider<vscode.TreeItem>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<vscode.TreeItem | undefined>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private items: vscode.TreeItem[] = [];

  setItems(items: vscode.TreeItem[]): void {
    this.items = items;
    this._onDidChangeTreeData.fire(undefined);
  }

  refresh(): void {
    this._onDidChangeTreeData.fire(undefined);
  }

  getTreeItem(element: vscode.TreeItem): vscode.TreeItem {
    return element;
  }

  getChildren(element?: vscode.TreeItem): vscode.TreeItem[] {
    return element ? [] : this.items;
  }

  dispose(): void {
    this._onDidChangeTreeData.dispose();
  }
}
