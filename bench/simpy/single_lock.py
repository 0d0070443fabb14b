#!/usr/bin/env python3
"""The single-lock model of src/model/single-lock.ts in SimPy 4, process style.

Poisson arrivals; one chamber that, whenever it is free and vessels wait, takes
up to b of them in arrival order and carries them through one deterministic
lockage. Statistics restart at the warm-up, as warmUp() does on our side.
Prints one JSON object: the results, the model events (counted as our engine
counts them), SimPy's own steps, and the wall time of env.run() alone.
Exit code 3 (with {"skipped": why}) when SimPy 4 cannot be imported.
"""
import argparse
from importlib import metadata
import json
import os
import platform
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# SIMPY_PATH first, then the copy in bench/simpy/vendor, then whatever is installed.
for entry in reversed([p for p in os.environ.get('SIMPY_PATH', '').split(os.pathsep) if p] + [os.path.join(HERE, 'vendor')]):
    sys.path.insert(0, entry)

# src/model/single-lock.ts: SINGLE_LOCK_DEMO
DEMO = {'meanHeadwayS': 600, 'lockageS': 1800, 'chamberCapacity': 4,
        'horizonS': 10 * 365 * 86400, 'warmupS': 30 * 86400, 'seed': 1}
SKIP = 3


def import_simpy():
    """(module, version text, folder) when `import simpy` gives SimPy 4 or later, else exits with SKIP."""
    def skip(why):
        print(json.dumps({'skipped': why}))
        sys.exit(SKIP)
    try:
        import simpy
    except Exception as err:  # noqa: BLE001 - any failure to import means: no SimPy here
        skip(f'import simpy failed ({type(err).__name__}: {err})')
    where = os.path.dirname(os.path.abspath(simpy.__file__))
    # The metadata beside the imported copy (pip's layout, and fetch-simpy.sh's), not any
    # other on the path: simpy.__version__ reads the first one found, which may not be its own.
    beside = [d.version for d in metadata.distributions(path=[os.path.dirname(where)])
              if (d.metadata['Name'] or '').lower() == 'simpy']
    version = beside[0] if beside else None
    if version and int(version.split('.')[0]) < 4:
        skip(f'simpy {version} at {where}; the bench needs SimPy 4')
    # The API too, the only sign a bare source copy gives: 3.x has Environment.exit, 4.0 dropped it.
    if not hasattr(simpy, 'Environment'):
        skip(f'simpy at {where} has no Environment (SimPy 2?); the bench needs SimPy 4')
    if hasattr(simpy.Environment, 'exit'):
        skip(f'simpy at {where} is SimPy 3 (it has Environment.exit); the bench needs SimPy 4')
    return simpy, version or '4.x (no package metadata beside it)', where


class ChamberStats:
    """What BatchServer keeps, restarted at the warm-up the way TimeWeighted and Tally restart."""

    def __init__(self):
        self.busy_since = None
        self.reset(0.0)

    def reset(self, now):
        self.wait_sum = 0.0
        self.wait_max = 0.0
        self.waits = 0
        self.lockages = 0
        self.carried = 0
        self.busy_s = 0.0
        self.since = now
        if self.busy_since is not None:
            self.busy_since = now

    def start(self, now, arrivals):
        for arrived in arrivals:
            wait = now - arrived
            self.wait_sum += wait
            self.wait_max = max(self.wait_max, wait)
        self.waits += len(arrivals)
        self.lockages += 1
        self.carried += len(arrivals)
        self.busy_since = now

    def end(self, now):
        self.busy_s += now - self.busy_since
        self.busy_since = None


def build(simpy, p, replication):
    env = simpy.Environment()
    rng = random.Random(f"waterway-sim/{p['seed']}/{replication}")
    line = simpy.Store(env)  # vessels waiting: (arrival time, event the vessel waits on)
    stats = ChamberStats()
    count = {'arrived': 0, 'passed': 0, 'events': 0}

    def vessel(env):
        through = env.event()
        line.put((env.now, through))
        yield through
        count['passed'] += 1

    def traffic(env):
        while True:
            yield env.timeout(rng.expovariate(1 / p['meanHeadwayS']))
            count['arrived'] += 1
            count['events'] += 1
            env.process(vessel(env))

    def chamber(env):
        while True:
            batch = [(yield line.get())]
            # The lockage takes every vessel waiting now, up to b, in arrival order.
            take = min(p['chamberCapacity'] - 1, len(line.items))
            batch += line.items[:take]
            del line.items[:take]
            stats.start(env.now, [arrived for arrived, _ in batch])
            yield env.timeout(p['lockageS'])
            count['events'] += 1
            stats.end(env.now)
            for _, through in batch:
                through.succeed()

    def warm_up(env):
        yield env.timeout(p['warmupS'])
        count['events'] += 1
        stats.reset(env.now)

    env.process(traffic(env))
    env.process(chamber(env))
    if p['warmupS'] > 0:
        env.process(warm_up(env))
    return env, stats, count


def run(simpy, p, replication):
    env, stats, count = build(simpy, p, replication)
    t0 = time.perf_counter()
    env.run(until=p['horizonS'])
    loop_s = time.perf_counter() - t0
    if stats.busy_since is not None:
        stats.end(p['horizonS'])
    measured_s = p['horizonS'] - stats.since
    return {
        'vesselsArrived': count['arrived'],
        'vesselsPassed': count['passed'],
        'lockages': stats.lockages,
        'meanWaitS': stats.wait_sum / stats.waits if stats.waits else None,
        'maxWaitS': stats.wait_max,
        'utilisation': stats.busy_s / measured_s,
        'meanVesselsPerLockage': stats.carried / stats.lockages if stats.lockages else None,
        'vesselsPerDay': stats.carried / (measured_s / 86400),
        # Model events as our engine counts them: arrivals, lockage ends and the warm-up.
        'events': count['events'],
        # SimPy's own count: every event it popped off its heap (env.step() calls).
        'simpySteps': next(env._eid) - len(env._queue),
        'loopWallS': loop_s,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--params', help='JSON of SingleLockParams (src/model/single-lock.ts); default SINGLE_LOCK_DEMO')
    ap.add_argument('--seed', help='base seed (overrides the params)')
    ap.add_argument('--replication', type=int, default=0)
    ap.add_argument('--probe', action='store_true', help='only say which SimPy would run, as JSON')
    args = ap.parse_args()
    simpy, version, where = import_simpy()
    about = {'simpy': version, 'simpyFrom': where, 'python': platform.python_version(), 'executable': sys.executable}
    if args.probe:
        print(json.dumps(about))
        return
    p = dict(DEMO, **json.loads(args.params)) if args.params else dict(DEMO)
    if args.seed is not None:
        p['seed'] = args.seed
    result = run(simpy, p, args.replication)
    print(json.dumps(dict(about, params=p, replication=args.replication, **result)))


if __name__ == '__main__':
    main()
