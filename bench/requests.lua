-- wrk script of bench/run.py. Makes every request differ where the site would refuse or
-- deduplicate a repeat, and counts the status codes, so a refusal (a 403 from the CSRF
-- check, a 400 from the form) is reported instead of being measured as speed.
--
--   wrk ... --script bench/requests.lua URL -- comment PATH ISSUED EMAIL NONCE
--       POST the comment form: a new text each time (the site refuses a repeated one),
--       with the `issued` token from a page fetched a few seconds before.
--   wrk ... --script bench/requests.lua URL -- beacon PATH NONCE
--       POST the view beacon as a new reader each time (another User-Agent).
--   wrk ... --script bench/requests.lua URL -- mix FILE
--       GET the paths of FILE (one a line) in turn, each thread from its own place.
--
-- Headers given with --header (User-Agent, Origin...) go with every request. NONCE keeps
-- two runs from repeating each other's texts and readers.

local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

local function encode(text)
  return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", c:byte()) end))
end

function init(args)
  mode, params, sent, statuses = args[1], args, 0, {}
  headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  if mode == "comment" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
  elseif mode == "mix" then
    paths = {}
    for line in io.lines(args[2]) do paths[#paths + 1] = line end
  end
end

function request()
  sent = sent + 1
  local serial = params[#params] .. "-" .. thread_id .. "-" .. sent
  if mode == "comment" then
    local text = "Thank you for this article, note " .. serial .. ": the river data helps."
    local body = "author_name=Bench+Reader&author_email=" .. encode(params[4]) ..
      "&body=" .. encode(text) .. "&issued=" .. encode(params[3]) .. "&parent=&website="
    return wrk.format("POST", params[2], headers, body)
  elseif mode == "beacon" then
    headers["User-Agent"] = wrk.headers["User-Agent"] .. " reader/" .. serial
    return wrk.format("POST", params[2], headers)
  end
  return wrk.format("GET", paths[(thread_id * 7919 + sent) % #paths + 1], headers)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("status %d %d\n", status, count))
  end
end
