-- wrk script: each connection places an order (2 units, placed 1–360 days ago in one of four regions), then
-- issues its invoice (due 30 days after placing) and records a payment of half of it, then files an opportunity
-- on the same day and closes it (two in three won), then the next order.
-- Invoice ids are the order's id + "-INV-1". Used by orders-figures.sh with one connection per thread.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

local step, order, opportunity, placed, n = 0, nil, nil, nil, 0
-- bench/system.sh signs in and hands the access token over.
local json = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. (os.getenv("JINGONG_ACCESS_TOKEN") or "") }
local regions = { "east", "north", "south", "west" }

local function day(offset)
  return os.date("!%Y-%m-%d", os.time() - offset * 86400)
end

request = function()
  if step == 0 then
    n = n + 1
    placed = 1 + (n * 7 + id * 13) % 360
    local body = string.format(
      '{"customer":"customer-%d","region":"%s","salesRep":"rep-%d","deliverySite":"bench","lines":[{"model":"MT-90E","quantity":2,"unitPrice":1500000}],"occurredAt":"%sT01:00:00Z"}',
      n % 200, regions[1 + n % 4], n % 40, day(placed))
    return wrk.format("POST", "/api/orders/orders", json, body)
  elseif step == 1 then
    local due = placed > 30 and day(placed - 30) or day(0)
    return wrk.format("POST", "/api/orders/orders/" .. order .. "/invoices", json,
      string.format('{"amount":3000000,"issueDate":"%s","dueDate":"%s"}', day(placed), due))
  elseif step == 2 then
    return wrk.format("POST", "/api/orders/orders/" .. order .. "/payments", json,
      string.format('{"invoiceId":"%s-INV-1","amount":1500000,"paidOn":"%s"}', order, day(placed)))
  elseif step == 3 then
    return wrk.format("POST", "/api/orders/opportunities", json,
      string.format('{"customer":"customer-%d","region":"%s","salesRep":"rep-%d","lines":[{"model":"MT-90E","quantity":2}],"expectedAmount":3000000,"expectedCloseDate":"2030-01-01","occurredAt":"%sT01:00:00Z"}',
        n % 200, regions[1 + n % 4], n % 40, day(placed)))
  elseif n % 3 == 0 then
    return wrk.format("POST", "/api/orders/opportunities/" .. opportunity .. "/lost", json, '{"reason":"price"}')
  else
    return wrk.format("POST", "/api/orders/opportunities/" .. opportunity .. "/won", json, '{}')
  end
end

response = function(status, headers, body)
  if step == 0 then
    order = string.match(body, '"id":"([^"]+)"')
    step = order and 1 or 0
  elseif step == 3 then
    opportunity = string.match(body, '"id":"([^"]+)"')
    step = opportunity and 4 or 0
  elseif step == 4 then
    step = 0
  else
    step = step + 1
  end
end
