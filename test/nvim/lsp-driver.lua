-- Headless Neovim (0.7+, Debian's 0.7.2 has no vim.lsp.start) as a real LSP client for the Policy Lens server.
-- Starts the server over stdio, opens one file, sends the requested LSP calls (retrying while the server still
-- answers null, e.g. during its first indexing), and writes every answer plus the published diagnostics as JSON.
-- env: PL_SERVER_CMD  JSON array, e.g. ["node","/repo/server/out/server.js","--stdio"]
--      PL_ROOT        workspace root;  PL_FILE  the file to open;  PL_OUT  where the JSON goes
--      PL_REQUESTS    JSON array of {method, line, character} (0-based, UTF-16 as LSP says)
--      PL_TIMEOUT_MS  per request, default 15000
-- Exit code: 0 when the JSON was written (the caller asserts on it), 2 when the server did not start.
local cmd = vim.fn.json_decode(os.getenv('PL_SERVER_CMD'))
local root = os.getenv('PL_ROOT')
local file = os.getenv('PL_FILE')
local out_path = os.getenv('PL_OUT')
local requests = vim.fn.json_decode(os.getenv('PL_REQUESTS') or '[]')
local timeout = tonumber(os.getenv('PL_TIMEOUT_MS') or '15000')

local function write_out(tbl)
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(tbl))
  f:close()
end

local diagnostics = {}
local log = {}
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(bufnr)

local client_id = vim.lsp.start_client({
  name = 'policy-lens',
  cmd = cmd,
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'ws' } },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(_, result)
      if result and result.uri == uri then diagnostics = result.diagnostics end
    end,
    ['window/logMessage'] = function(_, result) table.insert(log, result.message) end,
  },
  on_exit = function(code, signal) table.insert(log, 'server exited: ' .. tostring(code) .. '/' .. tostring(signal)) end,
})
if not client_id then
  write_out({ error = 'start_client failed', log = log })
  vim.cmd('cquit 2')
end
vim.lsp.buf_attach_client(bufnr, client_id)
local started = vim.wait(timeout, function()
  local c = vim.lsp.get_client_by_id(client_id)
  return c == nil or c.initialized == true
end, 20)
if not started or vim.lsp.get_client_by_id(client_id) == nil then
  write_out({ error = 'server did not initialize', log = log })
  vim.cmd('cquit 2')
end

local function empty(result)
  return result == nil or result == vim.NIL or (type(result) == 'table' and vim.tbl_isempty(result))
end

local answers = {}
for _, req in ipairs(requests) do
  local params = { textDocument = { uri = uri }, position = { line = req.line, character = req.character } }
  local answer = { method = req.method, line = req.line, character = req.character }
  local deadline = vim.loop.now() + timeout
  repeat
    local res, err = vim.lsp.buf_request_sync(bufnr, req.method, params, 5000)
    if err then answer.error = err end
    for _, r in pairs(res or {}) do
      if r.error then answer.error = r.error.message end
      answer.result = r.result
    end
    if not empty(answer.result) then break end
    vim.wait(200)
  until vim.loop.now() > deadline
  if empty(answer.result) then answer.result = nil end
  table.insert(answers, answer)
end

-- Diagnostics arrive asynchronously; give them a moment if none came yet.
vim.wait(3000, function() return #diagnostics > 0 end, 50)
write_out({ uri = uri, answers = answers, diagnostics = diagnostics, log = log })
vim.lsp.get_client_by_id(client_id).stop()
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
vim.cmd('qall!')
