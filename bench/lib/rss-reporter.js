'use strict';
// Preloaded with `node -r` when /usr/bin/time is missing: writes the process's resource usage
// (maxRSS in KiB as Linux reports it, user and system CPU time in microseconds) to $BENCH_RSS_FILE
// as JSON when the process exits.
const fs = require('fs');

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) fs.writeFileSync(process.env.BENCH_RSS_FILE, JSON.stringify(process.resourceUsage()));
});
