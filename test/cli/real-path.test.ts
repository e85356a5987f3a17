import { isOpenStream } from '../../lib/cli/real-path';

// W77-6, Z78-21: a stream of this process opened anew names the file it was opened on; a write that truncates would cut that log.
test('the paths of this process\'s own streams are streams, a thread\'s view of them too; a device is not', () => {
  for (const path of ['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1', `/proc/self/task/${process.pid}/fd/1`, '/proc/thread-self/fd/2']) {
    expect([path, isOpenStream(path)]).toEqual([path, true]);
  }
  for (const path of ['/dev/null', '/dev/full', '/tmp', '/proc/self/status']) expect([path, isOpenStream(path)]).toEqual([path, false]);
});
