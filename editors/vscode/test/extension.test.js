// Unit tests of the extension's client management, run with `node --test` (no VS Code here: it
// cannot be downloaded in CI). `vscode` and `vscode-languageclient/node` are replaced by fakes
// that behave like the real ones where it matters: a LanguageClient whose start failed throws
// "Client is not running" from stop(), and cannot be started again.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Module = require("node:module");
const path = require("node:path");

const world = {
  settings: {},
  errors: [],
  commands: new Map(),
  configListeners: [],
  clients: [],
  /** Commands that make start() fail, as a missing executable does. */
  failing: new Set(),
};

class FakeLanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    this.serverOptions = serverOptions;
    this.clientOptions = clientOptions;
    this.state = "new";
    world.clients.push(this);
  }
  async start() {
    if (this.state !== "new") {
      throw new Error("start on a used client");
    }
    await new Promise((r) => setTimeout(r, 5));
    if (world.failing.has(this.serverOptions.command)) {
      this.state = "startFailed";
      throw new Error(`spawn ${this.serverOptions.command} ENOENT`);
    }
    this.state = "running";
  }
  async stop() {
    if (this.state !== "running") {
      throw new Error("Client is not running and can't be stopped. It's current state is: startFailed");
    }
    this.state = "stopped";
  }
  async dispose() {
    if (this.state === "running") {
      this.state = "stopped";
    }
  }
}

const fakeVscode = {
  workspace: {
    getConfiguration: () => ({
      get: (key, def) => (key in world.settings ? world.settings[key] : def),
    }),
    createFileSystemWatcher: () => ({ dispose() {} }),
    onDidChangeConfiguration: (f) => {
      world.configListeners.push(f);
      return { dispose() {} };
    },
  },
  window: {
    showErrorMessage: async (msg) => {
      world.errors.push(msg);
      return undefined;
    },
    createOutputChannel: () => ({ show() {}, dispose() {}, appendLine() {} }),
  },
  commands: {
    registerCommand: (name, f) => {
      world.commands.set(name, f);
      return { dispose() {} };
    },
    executeCommand: async () => undefined,
  },
};

const fakes = {
  vscode: fakeVscode,
  "vscode-languageclient/node": { LanguageClient: FakeLanguageClient, TransportKind: { stdio: 0 } },
};
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (Object.prototype.hasOwnProperty.call(fakes, request)) {
    return fakes[request];
  }
  return load.call(this, request, parent, isMain);
};

const ext = require(path.join(__dirname, "..", "out", "test", "extension.js"));
const context = { subscriptions: [] };
const running = () => world.clients.filter((c) => c.state === "running");
const changePath = async (value) => {
  world.settings.path = value;
  const other = world.configListeners.map((f) => f({ affectsConfiguration: (s) => s === "biasvask.lang" }));
  assert.deepEqual(other, [undefined], "only a path change restarts");
  await Promise.all(
    world.configListeners.map((f) => f({ affectsConfiguration: (s) => s === "biasvask.path" })),
  );
};

test("a failed first start is shown, and Restart starts a fresh client", async () => {
  world.settings = { path: "/ingen/biasvask", lang: "en" };
  world.failing.add("/ingen/biasvask");
  await ext.activate(context);
  assert.equal(world.clients.length, 1);
  assert.equal(world.clients[0].state, "startFailed");
  assert.equal(world.errors.length, 1);
  assert.match(world.errors[0], /cannot start `\/ingen\/biasvask lsp`.*ENOENT/);
  assert.deepEqual(world.clients[0].clientOptions.initializationOptions, {
    lang: "en",
    failLevel: null,
    rules: {},
  });

  // The binary appears (installed meanwhile): Restart works without a reload.
  world.failing.delete("/ingen/biasvask");
  await world.commands.get("biasvask.restart")();
  assert.equal(world.clients.length, 2);
  assert.equal(world.clients[1].state, "running");
  assert.equal(world.errors.length, 1);
});

test("a path change restarts: the old client stops, a fresh one starts", async () => {
  await changePath("biasvask");
  assert.equal(world.clients[1].state, "stopped");
  assert.equal(running().length, 1);
  assert.equal(running()[0].serverOptions.command, "biasvask");
  assert.deepEqual(running()[0].serverOptions.args, ["lsp"]);

  // A bad path: shown, nothing left running; a good one again recovers.
  world.failing.add("ikke-her");
  await changePath("ikke-her");
  assert.equal(running().length, 0);
  assert.equal(world.errors.length, 2);
  await changePath("biasvask");
  assert.equal(running().length, 1);
  assert.equal(world.errors.length, 2);
});

test("an empty path is a settings error shown to the user, not a start", async () => {
  const before = world.clients.length;
  await changePath("  ");
  assert.equal(world.clients.length, before);
  assert.equal(running().length, 0);
  assert.match(world.errors.at(-1), /"biasvask.path" is empty/);
  await changePath("biasvask");
  assert.equal(running().length, 1);
});

test("restarts in a burst run one after another and leave one client", async () => {
  const restart = world.commands.get("biasvask.restart");
  await Promise.all([restart(), restart(), restart()]);
  assert.equal(running().length, 1);
  await ext.deactivate();
  assert.equal(running().length, 0);
});
