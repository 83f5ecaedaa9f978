-- wrk script: registers vehicles through the gateway, each with a code no other request uses
-- (thread number + counter), so every request is a real append. Used by register-throughput.sh and the benchmark.
-- With "-- read" after the URL it reads the inventory instead (the benchmark's one-reader latency).
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

local counter = 0
local prefix
-- The benchmark signs in first and hands its access token over (scripts running wrk by hand export it too).
local authorization = "Bearer " .. (os.getenv("JINGONG_ACCESS_TOKEN") or "")

local reads = false

function init(args)
  prefix = string.format("B%d-%d", os.time(), id)
  reads = args[1] == "read"
end

request = function()
  if reads then
    return wrk.format("GET", "/api/fleet/inventory", { ["Authorization"] = authorization })
  end

  counter = counter + 1
  local body = string.format(
    '{"code":"%s-%d","model":"XE-80","category":"excavator","region":"east","warehouse":"bench-1"}', prefix, counter)
  return wrk.format("POST", "/api/fleet/vehicles", { ["Content-Type"] = "application/json", ["Authorization"] = authorization }, body)
end

-- One JSON line after wrk's own summary, for the benchmark (JinGong.Bench) to read.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"seconds":%.3f,"errors":%d,"p50":%.3f,"p99":%.3f}\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
