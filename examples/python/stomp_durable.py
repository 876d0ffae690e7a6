#!/usr/bin/env python3
"""A durable subscription to Muster's events over STOMP: events published while this program is
not running wait in the broker and arrive when it connects again with the same client id and name.

    python3 stomp_durable.py --client-id ID --name NAME [--selector SEL] [--count N] [--timeout S]

With --count 0 it only makes sure the subscription exists and disconnects (run it once before the
jobs start). Otherwise it prints up to N events (one JSON line each) and exits 0, or 2 if fewer
arrived within the timeout, 77 if the broker refused the login. --unsubscribe removes the
subscription and its waiting events. A server with users wants --user and --password (or
$MUSTER_USER and $MUSTER_PASSWORD).
Needs python3-stomp (Debian) or stomp.py (pip).
"""
import argparse
import json
import os
import queue
import sys

import stomp


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=61616)
    parser.add_argument("--user", default=os.environ.get("MUSTER_USER"))
    parser.add_argument("--password", default=os.environ.get("MUSTER_PASSWORD"))
    parser.add_argument("--client-id", required=True, help="who we are; the same on every run")
    parser.add_argument("--name", required=True, help="the subscription's name; the same on every run")
    parser.add_argument("--selector", default="group IN ('GOOD','BAD')",
                        help="which events (default: final states only)")
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--unsubscribe", action="store_true")
    args = parser.parse_args()

    inbox = queue.Queue()

    class Listener(stomp.ConnectionListener):
        def on_message(self, frame):
            inbox.put(frame)

    conn = stomp.Connection([(args.host, args.port)])
    conn.set_listener("", Listener())
    try:
        conn.connect(args.user, args.password, wait=True, headers={"client-id": args.client_id})
    except stomp.exception.ConnectFailedException:
        print("the broker at %s:%d refused the login%s" % (args.host, args.port,
              " of user '%s'" % args.user if args.user else " (none given: use --user and --password)"),
              file=sys.stderr)
        return 77
    durable = {"durable-subscription-name": args.name, "selector": args.selector}
    if args.unsubscribe:
        conn.unsubscribe(id="events", headers=durable)
        conn.disconnect()
        return 0
    # client-individual acks: an event leaves the subscription only once we have printed it
    conn.subscribe(destination="muster.events", id="events", ack="client-individual", headers=durable)
    status = 0
    try:
        for _ in range(args.count):
            frame = inbox.get(timeout=args.timeout)
            print(json.dumps(json.loads(frame.body)["data"]), flush=True)
            conn.ack(frame.headers["message-id"], "events")
    except queue.Empty:
        print("fewer than %d events within %s s" % (args.count, args.timeout), file=sys.stderr)
        status = 2
    finally:
        conn.disconnect()
    return status


if __name__ == "__main__":
    sys.exit(main())
