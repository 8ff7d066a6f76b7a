"""Mean and standard deviation of the numpy peer's headline figures over seeds.

    python3 Benchmarks/peer_statistics.py --leads 100000 --seeds 30

The agreement test (Tests/LeadSimCoreTests/ReferenceModelTests.swift) pins the figures this prints;
rerun it if shared/peers/numpy_funnel.py changes.
"""
import argparse, json, os, statistics, subprocess, sys

KEYS = ["handovers", "mql_leads", "unsubscribed", "sql", "won", "mean_wait_days"]

ap = argparse.ArgumentParser()
ap.add_argument("--leads", type=int, default=100_000)
ap.add_argument("--seeds", type=int, default=30)
ap.add_argument("--peers", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "peers"))
args = ap.parse_args()
rows = []
for seed in range(1, args.seeds + 1):
    out = subprocess.run([sys.executable, os.path.join(args.peers, "numpy_funnel.py"), "--leads", str(args.leads),
                          "--seed", str(seed)], check=True, capture_output=True, text=True).stdout
    rows.append(json.loads(out))
for key in KEYS:
    values = [row[key] for row in rows]
    print(f'"{key}": ({statistics.mean(values):.3f}, {statistics.stdev(values):.3f}),')
