-- Driven by tests/neovim.rs: a real Neovim (0.7+ API only) attaches `biasvask lsp` to a
-- Danish ad, waits for the diagnostics, asks for code actions at the first finding, applies
-- the preferred quick fix, asks for a hover, writes the buffer, adds the word left over to the
-- project's allow-list (the server writes biasvask.toml), starts a second session and reports
-- what it saw as JSON.
--
-- Environment: BIASVASK_BIN (the binary), BIASVASK_FILE (the ad), BIASVASK_OUT (the report).
local bin = os.getenv("BIASVASK_BIN")
local file = os.getenv("BIASVASK_FILE")
local out = os.getenv("BIASVASK_OUT")
local report = { steps = {} }

local function finish(err)
  report.error = err
  vim.fn.writefile({ vim.fn.json_encode(report) }, out)
  vim.cmd(err and "cquit 1" or "qall!")
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "biasvask",
    cmd = { bin, "lsp" },
    root_dir = vim.fn.fnamemodify(file, ":p:h"),
  })
  assert(client_id, "the client did not start")
  assert(vim.lsp.buf_attach_client(buf, client_id), "cannot attach")
  table.insert(report.steps, "attached")

  local got = vim.wait(20000, function()
    return #vim.diagnostic.get(buf) >= 2
  end, 50)
  assert(got, "no diagnostics within 20 s")
  report.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(report.diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, source = d.source, code = d.code, message = d.message,
    })
  end
  table.insert(report.steps, "diagnostics")

  local client = vim.lsp.get_client_by_id(client_id)
  local uri = vim.uri_from_bufnr(buf)
  local hover = client.request_sync("textDocument/hover", {
    textDocument = { uri = uri },
    position = { line = 0, character = 2 },
  }, 10000, buf)
  assert(hover and hover.result, "no hover: " .. vim.inspect(hover))
  report.hover = hover.result.contents.value
  table.insert(report.steps, "hover")

  local lsp_diags = vim.lsp.diagnostic.get_line_diagnostics(buf, 0)
  local resp = client.request_sync("textDocument/codeAction", {
    textDocument = { uri = uri },
    range = { start = { line = 0, character = 1 }, ["end"] = { line = 0, character = 1 } },
    context = { diagnostics = lsp_diags },
  }, 10000, buf)
  assert(resp and resp.result, "no code actions: " .. vim.inspect(resp))
  report.actions = {}
  local preferred
  for _, a in ipairs(resp.result) do
    table.insert(report.actions, a.title)
    if a.isPreferred and not preferred then
      preferred = a
    end
  end
  assert(preferred, "no preferred quick fix")
  vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding)
  table.insert(report.steps, "fixed")

  -- After the edit Neovim sends an incremental didChange; the server republishes.
  local updated = vim.wait(20000, function()
    return #vim.diagnostic.get(buf) == 1
  end, 50)
  assert(updated, "diagnostics were not updated after the fix")
  report.after = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(report.after, { lnum = d.lnum, col = d.col, end_col = d.end_col, code = d.code })
  end

  vim.cmd("write")
  report.buffer = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  table.insert(report.steps, "written")

  -- Add the coded word left over to the project's allow-list: the server writes biasvask.toml
  -- (nothing is left unsaved in Neovim) and publishes again without it.
  resp = client.request_sync("textDocument/codeAction", {
    textDocument = { uri = uri },
    range = { start = { line = 0, character = 24 }, ["end"] = { line = 0, character = 24 } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, 0) },
  }, 10000, buf)
  assert(resp and resp.result, "no code actions: " .. vim.inspect(resp))
  local allow
  for _, a in ipairs(resp.result) do
    if a.title:find("biasvask.toml", 1, true) then
      allow = a
    end
  end
  assert(allow and allow.command, "no allow-list action: " .. vim.inspect(resp.result))
  report.allow_title = allow.title
  report.allow_has_edit = allow.edit ~= nil
  local done = client.request_sync("workspace/executeCommand", allow.command, 10000, buf)
  assert(done and not done.err, "the command failed: " .. vim.inspect(done))
  assert(vim.wait(20000, function()
    return #vim.diagnostic.get(buf) == 0
  end, 50), "the allowed word is still flagged")
  report.modified_buffers = {}
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_get_option(b, "modified") then
      table.insert(report.modified_buffers, vim.api.nvim_buf_get_name(b))
    end
  end
  table.insert(report.steps, "allowed")
  client.stop()
  vim.wait(5000, function()
    return client.is_stopped()
  end, 50)

  -- A new session: the server reads the written file, and the word stays allowed.
  local published = false
  local second = vim.lsp.start_client({
    name = "biasvask-again",
    cmd = { bin, "lsp" },
    root_dir = vim.fn.fnamemodify(file, ":p:h"),
    handlers = {
      ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
        published = true
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      end,
    },
  })
  assert(second, "the second client did not start")
  assert(vim.lsp.buf_attach_client(buf, second), "cannot attach again")
  assert(vim.wait(20000, function()
    return published
  end, 50), "no diagnostics from the second session")
  report.after_restart = #vim.diagnostic.get(buf)
  vim.lsp.get_client_by_id(second).stop()
  table.insert(report.steps, "restarted")
end)

finish(not ok and tostring(err) or nil)
