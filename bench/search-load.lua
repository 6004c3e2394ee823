-- bench/search-load.lua — wrk script: cycles through the queries of bench/queries.txt.
--
--   wrk -t2 -c64 -d30s -s bench/search-load.lua http://127.0.0.1:PORT -- QUERIES gazette
--   wrk -t2 -c64 -d30s -s bench/search-load.lua http://127.0.0.1:PORT -- QUERIES omega DBNAME
--
-- gazette: GET /api/search?q=<query>&<filters of the second column>
-- omega:   GET /cgi-bin/omega?P=<query>&DB=<DBNAME>   (omindex has no such filters)
-- Every value is URL-encoded here (UTF-8 bytes, RFC 3986 unreserved characters kept).
-- Each thread starts at its own place in the list. At the end one line is printed for
-- scripts: WRK requests=… duration_s=… rps=… connect=… read=… write=… timeout=… status=…
-- (status: responses with a status of 400 or more, as wrk counts them).

local function decode(s)
  s = s:gsub("%+", " ")
  return (s:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end))
end

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function trim(s)
  return (s:gsub("^%s+", ""):gsub("%s+$", ""))
end

local function paths(file, mode, db)
  local list = {}
  for line in io.lines(file) do
    line = line:gsub("\r$", "")
    if line:match("%S") and not line:match("^#") then
      local text, filters = line:match("^([^\t]*)\t?(.*)$")
      text = trim(text)
      local path
      if mode == "omega" then
        path = "/cgi-bin/omega?P=" .. encode(text) .. "&DB=" .. encode(db)
      else
        path = "/api/search?q=" .. encode(text)
        for part in filters:gmatch("[^&]+") do
          local key, value = part:match("^([^=]*)=(.*)$")
          if key and trim(value) ~= "" then
            path = path .. "&" .. encode(decode(trim(key))) .. "=" .. encode(trim(decode(value)))
          end
        end
      end
      list[#list + 1] = path
    end
  end
  return list
end

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local requests = {}
local n = 0
local i = 0

function init(args)
  local file, mode, db = args[1], args[2] or "gazette", args[3] or "default"
  if not file then error("search-load.lua: pass -- QUERIES_FILE [gazette|omega DB]") end
  for _, p in ipairs(paths(file, mode, db)) do
    requests[#requests + 1] = wrk.format("GET", p)
  end
  n = #requests
  if n == 0 then error("search-load.lua: no queries in " .. file) end
  -- spread the threads over the list
  i = ((id or 1) - 1) * math.floor(n / 2)
end

function request()
  i = i % n + 1
  return requests[i]
end

function done(summary, latency, _)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "WRK requests=%d duration_s=%.2f rps=%.1f connect=%d read=%d write=%d timeout=%d status=%d " ..
    "p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, seconds, summary.requests / seconds, e.connect, e.read, e.write,
    e.timeout, e.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
