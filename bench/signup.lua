-- wrk: sign-ups as the form posts them, each with a phone number of its own and
-- a client address of its own (X-Forwarded-For, the server trusting one proxy), so
-- that only the database's writes are measured, not the limits. Counts answers
-- by status class; `done` prints "2xx 4xx 5xx" on one line.
local threads = {}
local n = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  ok, client, server = 0, 0, 0
end

function request()
  n = n + 1
  local k = id * 1000000 + n
  local phone = string.format("%%2B99893%07d", k % 10000000)
  local body = "name=Bench+Migrant&phone=" .. phone .. "&password=choy-va-non-2026&consent=yes"
  local ip = string.format("10.%d.%d.%d", id, math.floor(n / 250) % 250, n % 250 + 1)
  return wrk.format("POST", "/api/sign_up_migrant", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = ip,
  }, body)
end

function response(status, headers, body)
  if status < 400 then ok = ok + 1 elseif status < 500 then client = client + 1 else server = server + 1 end
end

function done(summary, latency, requests)
  local a, b, c = 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("ok"); b = b + t:get("client"); c = c + t:get("server")
  end
  io.write(string.format("%d %d %d %d\n", a, b, c, latency:percentile(99) / 1000))
end
