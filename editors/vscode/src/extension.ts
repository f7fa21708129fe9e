// The biasvask VS Code extension: starts `biasvask lsp` for plain-text, Markdown and HTML
// documents and passes the `biasvask.*` settings to it. Everything else (diagnostics, quick
// fixes, hover, "fix all") comes from the server.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** The settings the server reads (`initializationOptions` and didChangeConfiguration). */
function serverSettings(): { lang: string; failLevel: string | null; rules: Record<string, string> } {
  const cfg = vscode.workspace.getConfiguration("biasvask");
  return {
    lang: cfg.get<string>("lang", "da"),
    failLevel: cfg.get<string | null>("failLevel", null),
    rules: cfg.get<Record<string, string>>("rules", {}),
  };
}

async function start(): Promise<void> {
  const command = vscode.workspace.getConfiguration("biasvask").get<string>("path", "biasvask");
  const serverOptions: ServerOptions = {
    command,
    args: ["lsp"],
    transport: TransportKind.stdio,
  };
  const languages = ["plaintext", "markdown", "html"];
  const clientOptions: LanguageClientOptions = {
    documentSelector: languages.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
    initializationOptions: serverSettings(),
    synchronize: {
      // Sends workspace/didChangeConfiguration with { biasvask: { ... } } on every change.
      configurationSection: "biasvask",
      // Re-read the project configuration when it changes on disk.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/biasvask.toml"),
    },
  };
  client = new LanguageClient("biasvask", "biasvask", serverOptions, clientOptions);
  await client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("biasvask.restart", async () => {
      await client?.stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("biasvask.path")) {
        await client?.stop();
        await start();
      }
    }),
  );
  try {
    await start();
  } catch (err) {
    void vscode.window.showErrorMessage(
      `biasvask: cannot start \`biasvask lsp\` (${String(err)}). Install biasvask or set "biasvask.path".`,
    );
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
