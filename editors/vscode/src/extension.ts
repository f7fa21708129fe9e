// The biasvask VS Code extension: starts `biasvask lsp` for plain-text, Markdown and HTML
// documents and passes the `biasvask.*` settings to it. Everything else (diagnostics, quick
// fixes, hover, "fix all", the allow-list edit of biasvask.toml) comes from the server.
//
// Client management: every start makes a fresh LanguageClient (a client whose start failed
// cannot be started again), stopping the old one first and ignoring its "Client is not
// running" error; starts are queued so a restart during a start waits for it. A failed start
// or a bad setting is shown as a window message with a way to the settings.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

const OPEN_SETTINGS = "Open Settings";
const SHOW_OUTPUT = "Show Output";

let client: LanguageClient | undefined;
/** The start or stop in progress; the next one waits for it. */
let queue: Promise<void> = Promise.resolve();
let output: vscode.OutputChannel | undefined;

/** The settings the server reads (`initializationOptions` and didChangeConfiguration). */
function serverSettings(): { lang: string; failLevel: string | null; rules: Record<string, string> } {
  const cfg = vscode.workspace.getConfiguration("biasvask");
  return {
    lang: cfg.get<string>("lang", "da"),
    failLevel: cfg.get<string | null>("failLevel", null),
    rules: cfg.get<Record<string, string>>("rules", {}),
  };
}

/** Show an error with buttons to the settings and the log; never throws. */
function showError(message: string): void {
  void Promise.resolve(
    vscode.window.showErrorMessage(`biasvask: ${message}`, OPEN_SETTINGS, SHOW_OUTPUT),
  ).then(
    (choice) => {
      if (choice === OPEN_SETTINGS) {
        void vscode.commands.executeCommand("workbench.action.openSettings", "biasvask");
      } else if (choice === SHOW_OUTPUT) {
        output?.show();
      }
    },
    () => undefined,
  );
}

/** Stop the running client, if any; a client that never started (or already stopped) is
 *  just dropped: its "Client is not running" is not an error here. */
async function stopClient(): Promise<void> {
  const old = client;
  client = undefined;
  if (!old) {
    return;
  }
  try {
    await old.stop();
  } catch {
    // A failed start leaves the client in a state where stop() throws; nothing to stop.
  }
  try {
    await old.dispose();
  } catch {
    // As above.
  }
}

async function startClient(): Promise<void> {
  const command = vscode.workspace.getConfiguration("biasvask").get<string>("path", "biasvask");
  if (typeof command !== "string" || command.trim() === "") {
    showError('the setting "biasvask.path" is empty; set it to the biasvask executable (e.g. "biasvask").');
    return;
  }
  const serverOptions: ServerOptions = {
    command: command.trim(),
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
    outputChannel: output,
    synchronize: {
      // Sends workspace/didChangeConfiguration with { biasvask: { ... } } on every change.
      configurationSection: "biasvask",
      // Re-read the project configuration when it changes on disk.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/biasvask.toml"),
    },
  };
  const fresh = new LanguageClient("biasvask", "biasvask", serverOptions, clientOptions);
  client = fresh;
  try {
    await fresh.start();
  } catch (err) {
    showError(
      `cannot start \`${command.trim()} lsp\` (${err instanceof Error ? err.message : String(err)}). ` +
        'Install biasvask or set "biasvask.path", then run "biasvask: Restart the language server".',
    );
    if (client === fresh) {
      await stopClient();
    }
  }
}

/** Stop the old client (if any) and start a fresh one, after whatever is in progress. */
export function restart(): Promise<void> {
  queue = queue.then(async () => {
    await stopClient();
    await startClient();
  });
  return queue;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("biasvask");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("biasvask.restart", () => restart()),
    // Returns the restart (VS Code ignores it; the unit tests wait for it).
    vscode.workspace.onDidChangeConfiguration((e) =>
      e.affectsConfiguration("biasvask.path") ? restart() : undefined,
    ),
  );
  await restart();
}

export function deactivate(): Promise<void> {
  queue = queue.then(() => stopClient());
  return queue;
}
