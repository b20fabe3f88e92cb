-- paths.lua: wrk script that requests the paths listed in a file (one per
-- line), each thread starting at a different place in the list.
--   wrk -t2 -c100 -d15s --latency -s paths.lua http://127.0.0.1:8080 -- urls.txt
local paths = {}
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
  i = math.random(#paths)
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
