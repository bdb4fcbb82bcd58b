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

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("API (wrk): %d requests in %.1f s, %d failed (non-2xx or socket errors)\n", summary.requests, seconds, failed))
  io.write(string.format("  throughput %.0f referrals/s\n", summary.requests / seconds))
  io.write(string.format("  latency median %.2f ms, p95 %.2f ms, p99 %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
