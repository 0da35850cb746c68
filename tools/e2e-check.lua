-- wrk script of tools/e2e.sh: checks every response of one page.
-- E2E_PAGE: the page (fanout, fragments, post, faults, server, detached);
-- E2E_DIR: the expectations (tools/e2e-lib.sh, e2e_expect), one of
--   PAGE.body   the exact body of a 200 response
--   PAGE.subs   one line per string that a 200 response's body must contain
--   faults.tsv  kind, status, strings: each thread (one connection each)
--               asks /faults.php for one kind, thread N for the Nth kind in
--               turn, so a response is checked against what was asked on its
--               own connection, whatever the order of responses
-- E2E_MARKER: the line every job prints, which no response may hold.
-- E2E_TIMEOUT: wrk's --timeout in seconds. Each thread has one connection
-- (tools/e2e-lib.sh): a thread whose request has waited that long when the
-- run ends counts as "unanswered" (wrk itself counts a time-out only when a
-- late answer arrives, and never sends on that connection again).
local page = os.getenv("E2E_PAGE")
local timeout_s = tonumber(os.getenv("E2E_TIMEOUT") or "10")
local dir = os.getenv("E2E_DIR")
local marker = os.getenv("E2E_MARKER")

local function slurp(path)
	local f = io.open(path, "rb")
	if not f then
		return nil
	end
	local s = f:read("*a")
	f:close()
	return s
end

local function split(line, sep)
	local out = {}
	for field in string.gmatch(line, "([^" .. sep .. "]+)") do
		table.insert(out, field)
	end
	return out
end

local function contains(s, sub)
	return string.find(s, sub, 1, true) ~= nil
end

-- per thread
checked, wrong, marked, server_errors = 0, 0, 0, 0
sent, waiting_since = 0, 0
sample = ""
local expected_body, subs
local want_fault, fault_path

function init(args)
	if page == "faults" then
		local faults = {}
		for line in io.lines(dir .. "/faults.tsv") do
			local f = split(line, "\t")
			local kind = table.remove(f, 1)
			local status = tonumber(table.remove(f, 1))
			table.insert(faults, { kind = kind, status = status, subs = f })
		end
		-- thread_no: set by setup() in wrk's main state, before init
		want_fault = faults[(thread_no - 1) % #faults + 1]
		fault_path = "/faults.php?kind=" .. want_fault.kind
	else
		expected_body = slurp(dir .. "/" .. page .. ".body")
		if not expected_body then
			subs = {}
			for line in io.lines(dir .. "/" .. page .. ".subs") do
				if line ~= "" then
					table.insert(subs, line)
				end
			end
		end
	end
	if page == "post" then
		wrk.method = "POST"
		wrk.body = assert(slurp(dir .. "/body.bin"))
		wrk.headers["Content-Type"] = "application/octet-stream"
	end
end

-- wrk calls request() once more in its first thread, before the run, to
-- check the request: that one is never sent (done() subtracts it).
function request()
	sent = sent + 1
	waiting_since = os.time()
	if page == "faults" then
		return wrk.format("GET", fault_path)
	end
	return wrk.format()
end

local function contains_all(body, list)
	for _, s in ipairs(list) do
		if not contains(body, s) then
			return false
		end
	end
	return true
end

local function right(status, body)
	if page == "faults" then
		-- the body names its kind too: faults.tsv's first string holds it
		return status == want_fault.status and contains_all(body, want_fault.subs)
	end
	if status ~= 200 then
		return false
	end
	if expected_body then
		return body == expected_body
	end
	return contains_all(body, subs)
end

function response(status, headers, body)
	body = body or ""
	waiting_since = 0
	checked = checked + 1
	local ok = right(status, body)
	if contains(body, marker) then
		marked = marked + 1
		ok = false
	end
	if status >= 500 and page ~= "faults" then
		server_errors = server_errors + 1
	end
	if not ok then
		wrong = wrong + 1
		if sample == "" then
			sample = status .. " " .. string.sub(string.gsub(body, "%s+", " "), 1, 400)
		end
	end
end

-- main state: sums the threads' counts
local threads = {}

function setup(thread)
	table.insert(threads, thread)
	thread:set("thread_no", #threads)
end

function done(summary, latency, requests)
	local c, w, m, s, n, u, now = 0, 0, 0, 0, -1, 0, os.time()
	for _, t in ipairs(threads) do
		n = n + t:get("sent")
		local since = t:get("waiting_since")
		if since > 0 and now - since >= timeout_s then
			u = u + 1
		end
		c = c + t:get("checked")
		w = w + t:get("wrong")
		m = m + t:get("marked")
		s = s + t:get("server_errors")
		local sam = t:get("sample")
		if sam ~= "" then
			io.write("E2E_SAMPLE ", sam, "\n")
		end
	end
	local e = summary.errors
	io.write(string.format(
		"E2E_RESULT page=%s requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f checked=%d wrong=%d marked=%d server_errors=%d socket_errors=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d sent=%d unanswered=%d\n",
		page, summary.requests, summary.requests / (summary.duration / 1e6),
		latency:percentile(50) / 1000, latency:percentile(99) / 1000,
		c, w, m, s, e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout, n, u))
end
