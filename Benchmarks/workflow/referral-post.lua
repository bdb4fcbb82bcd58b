-- wrk script for Benchmarks/workflow/run.sh: POSTs the referral that `hub bench referrals --serve-only FOLDER`
-- wrote, with its bearer token (FOLDER comes from $HUB_BENCH_FILES), and prints throughput and percentiles.
local folder = assert(os.getenv("HUB_BENCH_FILES"), "set HUB_BENCH_FILES to the --serve-only folder")

local function contents(name)
  local file = assert(io.open(folder .. "/" .. name, "rb"))
  local text = file:read("*a")
  file:close()
  return text
end

wrk.method = "POST"
wrk.body = contents("referral.json")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (contents("token"):gsub("%s+$", ""))

-- Each referral is about a different child, as in a MASH's day (a few are repeats by chance): a random valid
-- NHS number (mod 11) and a surname made from it. Referring one child thousands of times would measure the
-- repeat-referral bookkeeping over one person's ever-growing history instead.
math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)

local function nhs_number()
  while true do
    local digits, sum = {}, 0
    for i = 1, 9 do
      digits[i] = math.random(0, 9)
      sum = sum + digits[i] * (11 - i)
    end
    local check = 11 - sum % 11
    if check == 11 then check = 0 end
    if check ~= 10 then
      return string.format("%d%d%d %d%d%d %d%d%d%d", digits[1], digits[2], digits[3], digits[4], digits[5], digits[6],
        digits[7], digits[8], digits[9], check)
    end
  end
end

local function surname(number)
  local letters = number:gsub("%s", ""):gsub("%d", function(d) return string.char(97 + tonumber(d)) end)
  return "Peters-" .. letters
end

-- The body's child is the placeholder `Peters-child` (943 476 5919), whatever order its keys were written in.
assert(wrk.body:find('"surname":"Peters%-child"') and wrk.body:find('"nhsNumber":"943 476 5919"'),
  "referral.json has no placeholder child to replace")

request = function()
  local number = nhs_number()
  local body = wrk.body:gsub('"nhsNumber":"943 476 5919"', '"nhsNumber":"' .. number .. '"', 1)
                       :gsub('"surname":"Peters%-child"', '"surname":"' .. surname(number) .. '"', 1)
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("API (wrk): %d requests in %.1f s, %d failed (non-2xx or socket errors)\n", summary.requests, seconds, failed))
  io.write(string.format("  throughput %.0f referrals/s\n", summary.requests / seconds))
  io.write(string.format("  latency median %.2f ms, p95 %.2f ms, p99 %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
