"""reactorlab_twisted: run a Twisted program under a tracing reactor that writes the trace format
of reactor-lab (traces/SCHEMA.md), so reactor-viz and reactor-trace replay real Twisted.

    PYTHONPATH=twisted-tracer /usr/bin/python3 -m reactorlab_twisted run --trace T.jsonl PROGRAM.py

Read README.md in this folder's parent for the modules in reading order.
"""
