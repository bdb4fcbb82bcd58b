-- wrk script for Benchmarks/load/run.sh: a mix of reads and writes, each as the role that does it in a MASH, over
-- keep-alive connections. The data file ($HUB_LOAD_DATA, written by setup.py) holds the tokens and referral ids.
-- Every request expects a 2xx; anything else is counted by status and reported as an error.
local data = dofile(assert(os.getenv("HUB_LOAD_DATA"), "set HUB_LOAD_DATA to setup.py's output"))

-- Out of every 20 requests: 3 referrals created, 5 referrals read (with a purpose: the tracker panel runs), 3 pages
-- of the incident board, 3 of the police's share requests, 3 tracker searches, 3 board reports.
local mix = { "create", "read", "board", "shares", "search", "read", "report", "create", "read", "board",
              "shares", "search", "read", "report", "create", "read", "board", "shares", "search", "report" }

local referral = [[{"form":"c1","receivedAt":"RECEIVED","channel":"phone","localAuthority":"PIP Town Council",]] ..
  [["referrer":{"name":"Morwen Ellis","role":"Health visitor","agency":"piphire_uhb","phone":"01632 960123"},]] ..
  [["subjects":[{"role":"child","forename":"Ceri","surname":"SURNAME","dateOfBirth":"2016-04-02","gender":"female",]] ..
  [["nhsNumber":"NHSNUMBER","addressLines":["1 Stoops Fold","Down Park"],"town":"PIP Town","postcode":"PP2 5GN"},]] ..
  [[{"role":"parent_carer","forename":"Shira","surname":"Peters","dateOfBirth":"1990-07-21","gender":"female",]] ..
  [["addressLines":["1 Stoops Fold","Down Park"],"town":"PIP Town","postcode":"PP2 5GN"}],]] ..
  [["concern":{"categories":["neglect"],"summary":"Came to clinic hungry and unwashed.","immediateRisk":false},]] ..
  [["consent":{"status":"obtained"}}]]
local searches = { "Shira Peters", "Ceri Peters", "Jones", "Owen Parry", "Morris" }
local reports = { "volumes", "rag", "sla", "outcomes", "conversion" }

local function nhs_number()
  while true do
    local digits, sum = {}, 0
    for i = 1, 9 do
      digits[i] = math.random(0, 9)
      sum = sum + digits[i] * (11 - i)
    end
    local check = 11 - sum % 11
    if check == 11 then check = 0 end
    if check ~= 10 then return table.concat(digits) .. check end
  end
end

local function headers(role, extra)
  local h = { ["Authorization"] = "Bearer " .. data.tokens[role], ["Content-Type"] = "application/json" }
  for k, v in pairs(extra or {}) do h[k] = v end
  return h
end

local counter = 0
statuses = {}  -- global: done() reads each thread's with thread:get
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + id * 7919)
  counter = id * 7
end

request = function()
  counter = counter + 1
  local kind = mix[counter % #mix + 1]
  if kind == "create" then
    local number = nhs_number()
    local surname = "Load-" .. number:gsub("%d", function(d) return string.char(97 + tonumber(d)) end)
    local body = referral:gsub("RECEIVED", os.date("!%Y-%m-%dT%H:%M:%S.000Z", os.time() - 3600), 1)
                         :gsub("SURNAME", surname, 1):gsub("NHSNUMBER", number, 1)
    return wrk.format("POST", "/api/v1/referrals", headers("triage"), body)
  elseif kind == "read" then
    local id = data.referrals[math.random(#data.referrals)]
    return wrk.format("GET", "/api/v1/referrals/" .. id, headers("triage", { ["X-Hub-Purpose"] = "Load test: triage" }))
  elseif kind == "board" then
    return wrk.format("GET", "/api/v1/incidents?limit=50", headers("manager"))
  elseif kind == "shares" then
    return wrk.format("GET", "/api/v1/share-requests?limit=50", headers("police"))
  elseif kind == "search" then
    local body = string.format('{"purpose":"Load test: checking a referral","name":"%s","limit":20}', searches[math.random(#searches)])
    return wrk.format("POST", "/api/v1/tracker/search", headers("triage"), body)
  else
    return wrk.format("GET", "/api/v1/reports/" .. reports[math.random(#reports)], headers("board"))
  end
end

response = function(status, headers, body)
  if status < 200 or status > 299 then statuses[status] = (statuses[status] or 0) + 1 end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local unexpected, by_status = 0, {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, count in pairs(counts) do
      by_status[status] = (by_status[status] or 0) + count
      unexpected = unexpected + count
    end
  end
  local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("load (wrk): %d requests in %.1f s\n", summary.requests, seconds))
  io.write(string.format("  errors: %d non-2xx, %d socket errors or time-outs\n", unexpected, socket))
  for status, count in pairs(by_status) do io.write(string.format("    status %d: %d\n", status, count)) end
  io.write(string.format("  throughput %.0f requests/s\n", summary.requests / seconds))
  io.write(string.format("  latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
