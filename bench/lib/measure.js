'use strict';
// Runs one command in its own process and measures its wall time and peak RSS.
//
// Wall time: process.hrtime around child_process.spawnSync (ms precision; includes process start,
// module loading and exit, i.e. what a user waits for). Peak RSS: GNU time's %M (max resident set
// size of the child, KiB) when /usr/bin/time exists; otherwise the child is a node process started
// with `-r bench/lib/rss-reporter.js`, which writes process.resourceUsage().maxRSS (KiB) at exit.
// /usr/bin/time's own %e (10 ms resolution) is kept next to the hrtime figure as a cross-check, and
// the child's CPU time (user + system, %U + %S) is recorded too: on a shared machine it is less
// disturbed by other processes than wall time.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const GNU_TIME = '/usr/bin/time';
const HAS_GNU_TIME = fs.existsSync(GNU_TIME);
const RSS_REPORTER = path.join(__dirname, 'rss-reporter.js');

/**
 * Runs `node [nodeArgs] script [args]` and returns { wallMs, rssKB, cpuMs, timeWallS, stdout, stderr }.
 * Throws when the command fails (exits other than `status`, 0 unless said): a failed run is never counted.
 */
function measureNode(script, args, { cwd, env, nodeArgs = [], status = 0 } = {}) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-measure-'));
  const timeFile = path.join(scratch, 'time');
  const rssFile = path.join(scratch, 'rss');
  const nodeCommand = [process.execPath, ...nodeArgs, script, ...args];
  let command;
  let commandArgs;
  if (HAS_GNU_TIME) {
    command = GNU_TIME;
    commandArgs = ['-f', '%e,%M,%U,%S', '-o', timeFile, ...nodeCommand];
  } else {
    command = process.execPath;
    commandArgs = ['-r', RSS_REPORTER, ...nodeCommand.slice(1)];
  }
  const start = process.hrtime.bigint();
  const result = spawnSync(command, commandArgs, {
    cwd,
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  try {
    if (result.error) throw result.error;
    if (result.status !== status) {
      const err = new Error(`${path.relative(process.cwd(), script)} ${args.join(' ')} exited with ${result.status}\n${result.stdout}\n${result.stderr}`.slice(0, 8000));
      err.result = result;
      throw err;
    }
    let rssKB;
    let cpuMs;
    let timeWallS;
    if (HAS_GNU_TIME) {
      // With a non-zero exit GNU time writes a "Command exited..." line first: take the last line.
      const line = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop();
      const [elapsed, maxRss, user, system] = line.split(',').map(Number);
      timeWallS = elapsed;
      rssKB = maxRss;
      cpuMs = (user + system) * 1000;
    } else {
      const usage = JSON.parse(fs.readFileSync(rssFile, 'utf8'));
      rssKB = usage.maxRSS;
      cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    }
    if (!Number.isFinite(rssKB) || rssKB <= 0) throw new Error(`no peak RSS for ${script}`);
    return { wallMs, rssKB, cpuMs, timeWallS, stdout: result.stdout, stderr: result.stderr };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs every side of a comparison in turn, each in a fresh process: round 0 is the warm-up
 * (A B [C]), then `runs` counted rounds (A B [C] A B [C] ...), so drift and noise from the machine
 * hit every side alike. Each side is { key, script, args(round) -> string[], nodeArgs?, env?,
 * before?(round) -> ctx, after?(ctx, measurement, round) }. Returns per side the medians and the
 * samples.
 */
function compare(label, sides, { runs, warmup = 1, cwd, log }) {
  const samples = Object.fromEntries(sides.map((side) => [side.key, []]));
  for (let round = 0; round < warmup + runs; round++) {
    for (const side of sides) {
      const ctx = side.before ? side.before(round) : {};
      let measurement;
      try {
        measurement = measureNode(side.script, side.args(ctx, round), { cwd, env: side.env, nodeArgs: side.nodeArgs, status: side.status });
        if (side.after) side.after(ctx, measurement, round);
      } finally {
        if (side.cleanup) side.cleanup(ctx);
      }
      const counted = round >= warmup;
      if (counted) samples[side.key].push(measurement);
      log(`  ${label} ${counted ? `run ${round - warmup + 1}/${runs}` : 'warm-up'} ${side.key}: ${(measurement.wallMs / 1000).toFixed(3)} s, ${(measurement.rssKB / 1024).toFixed(1)} MiB`);
    }
  }
  const result = {};
  for (const side of sides) {
    const list = samples[side.key];
    result[side.key] = {
      wallMs: round1(median(list.map((m) => m.wallMs))),
      rssKB: median(list.map((m) => m.rssKB)),
      cpuMs: round1(median(list.map((m) => m.cpuMs))),
      samples: { wallMs: list.map((m) => round1(m.wallMs)), rssKB: list.map((m) => m.rssKB), cpuMs: list.map((m) => round1(m.cpuMs)) },
    };
    if (HAS_GNU_TIME) result[side.key].gnuTimeWallS = median(list.map((m) => m.timeWallS));
    const phases = list.map((m) => parsePhases(m.stderr)).filter(Boolean);
    if (phases.length === list.length && phases.length > 0) {
      result[side.key].phasesMs = Object.fromEntries(Object.keys(phases[0]).map((k) => [k, round1(median(phases.map((p) => p[k])))]));
    }
  }
  // Each side against the first, round by round (the runs of one round are adjacent in time, so
  // slow changes in machine load cancel): the median of those paired ratios, next to the ratio of
  // the medians that the headline figures use.
  const first = samples[sides[0].key];
  for (const side of sides.slice(1)) {
    const list = samples[side.key];
    result[side.key].pairedRatioOfFirst = {
      wall: round3(median(list.map((m, i) => first[i].wallMs / m.wallMs))),
      cpu: round3(median(list.map((m, i) => first[i].cpuMs / m.cpuMs))),
      rss: round3(median(list.map((m, i) => first[i].rssKB / m.rssKB))),
    };
  }
  return result;
}

function round3(x) {
  return Math.round(x * 1000) / 1000;
}

/** The in-process phase timings a synth program prints with BENCH_PHASES=1. */
function parsePhases(stderr) {
  const line = (stderr || '').split('\n').find((l) => l.startsWith('PHASES '));
  return line ? JSON.parse(line.slice('PHASES '.length)) : undefined;
}

function round1(x) {
  return Math.round(x * 10) / 10;
}

module.exports = { measureNode, compare, median, HAS_GNU_TIME, round1 };
