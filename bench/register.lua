-- wrk script: registers vehicles through the gateway, each with a code no other request uses
-- (thread number + counter), so every request is a real append. Used by register-throughput.sh.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

local counter = 0
local prefix

function init(args)
  prefix = string.format("B%d-%d", os.time(), id)
end

request = function()
  counter = counter + 1
  local body = string.format(
    '{"code":"%s-%d","model":"XE-80","category":"excavator","region":"east","warehouse":"bench-1"}', prefix, counter)
  return wrk.format("POST", "/api/fleet/vehicles", { ["Content-Type"] = "application/json" }, body)
end
