-- wrk script: cycles through the request paths listed in the file named by the URLS environment variable
-- (one path per line, e.g. /select?...), each thread starting at a different offset. ENCODING=deflate (or any
-- Accept-Encoding value) sends that header with every request.
local paths = {}
local file = os.getenv("URLS")
for line in io.lines(file) do
  if #line > 0 then paths[#paths + 1] = line end
end
local encoding = os.getenv("ENCODING")
if encoding and #encoding > 0 then wrk.headers["Accept-Encoding"] = encoding end
local counter = 0
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("offset", thread_count * 7919)
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

-- Non-200 answers are counted so a run that only measured errors cannot pass unnoticed.
local errors = 0
function response(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx/3xx answers: %d\n", summary.errors.status))
end
