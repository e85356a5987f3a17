'use strict';
// Preloaded with `node -r` when /usr/bin/time is missing: writes the process's peak RSS (KiB, as
// process.resourceUsage().maxRSS reports it on Linux) to $BENCH_RSS_FILE when the process exits.
const fs = require('fs');

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) fs.writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
