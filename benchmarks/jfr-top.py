#!/usr/bin/env python3
"""Top frames of a JFR recording's CPU samples (jdk.ExecutionSample), by self and by inclusive share.

    ./jfr-top.py target/bench/jfr/<benchmark>/profile.jfr [SELF_ROWS [INCLUSIVE_ROWS]]

Reads the recording with the JDK's `jfr print`; a quick look without JDK Mission Control.
"""
import collections
import re
import subprocess
import sys

if len(sys.argv) < 2:
    sys.exit(__doc__)
text = subprocess.run(['jfr', 'print', '--events', 'jdk.ExecutionSample', '--stack-depth', '64', sys.argv[1]],
                      check=True, capture_output=True, text=True).stdout
self_rows = int(sys.argv[2]) if len(sys.argv) > 2 else 25
inclusive_rows = int(sys.argv[3]) if len(sys.argv) > 3 else 40

events = text.split('jdk.ExecutionSample {')[1:]
own = collections.Counter()
inclusive = collections.Counter()
threads = collections.Counter()
for event in events:
    thread = re.search(r'sampledThread = "([^"]*)"', event)
    threads[re.sub(r'\d+', 'N', thread.group(1)) if thread else '?'] += 1
    frames = re.findall(r'^\s+([\w$.<>/]+\([^)]*\))\s+line:', event, re.M)
    if frames:
        own[frames[0]] += 1
        for frame in set(frames):
            inclusive[frame] += 1

n = max(len(events), 1)
print(f'{len(events)} samples; threads: ' + ', '.join(f'{t} {c}' for t, c in threads.most_common(6)))
print('--- self')
for frame, count in own.most_common(self_rows):
    print(f'{100 * count / n:5.1f}% {frame}')
print('--- inclusive')
for frame, count in inclusive.most_common(inclusive_rows):
    print(f'{100 * count / n:5.1f}% {frame}')
