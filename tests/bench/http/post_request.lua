-- wrk script of tests/bench/http_bench.sh: POST /api/v1/requests as the benchmark's customer.
-- The bearer token comes from the environment (PORTAL_BENCH_TOKEN), set by the script.
local token = os.getenv("PORTAL_BENCH_TOKEN")
if token == nil or token == "" then
  error("PORTAL_BENCH_TOKEN is not set")
end
wrk.method = "POST"
wrk.body = '{"subject":"Benchmark write","description":"Created by tests/bench/http_bench.sh ' ..
           '(wrk POST, one durable write per request)","severity":3,"category":"technical"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
