-- replay.lua — the wrk script of every load measure (bench/run):
--
--   wrk -t2 -c64 -d10s -s bench/replay.lua http://127.0.0.1:PORT -- REQUESTS
--
-- REQUESTS is a file the harness writes from the dataset, one request a
-- line, four fields separated by tabs:
--
--   METHOD  PATH  HEADER  BODY
--
-- HEADER is one "Name: value" (the bearer token or the session cookie) or
-- empty; BODY is a JSON body (sent with Content-Type: application/json) or
-- empty.  Each thread reads the file once, formats every request once,
-- then sends one drawn at random for each request wrk makes.  At the end
-- one line starting "BENCH_RESULT " gives the figures as JSON: requests,
-- duration, errors by kind (wrk counts a status of 400 or more as a
-- "status" error) and the latency percentiles in microseconds.

local requests = {}
local count = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_no", threads)
end

local function parse(line)
  local method, path, header, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t?(.*)$")
  if not method then error("replay.lua: bad request line: " .. line) end
  local headers = {}
  if header ~= "" then
    local name, value = header:match("^([^:]+):%s*(.*)$")
    headers[name] = value
  end
  if body == "" then
    body = nil
  else
    headers["Content-Type"] = "application/json"
  end
  return wrk.format(method, path, headers, body)
end

function init(args)
  local file = args[1] or error("replay.lua: no requests file (pass it after --)")
  for line in io.lines(file) do
    if line ~= "" then
      count = count + 1
      requests[count] = parse(line)
    end
  end
  if count == 0 then error("replay.lua: " .. file .. " holds no request") end
  math.randomseed(os.time() * 1000 + (thread_no or 0))
end

function request()
  return requests[math.random(count)]
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"max":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
end
