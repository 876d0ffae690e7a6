#!/usr/bin/env python3
"""Submit one job to Muster over STOMP and follow it to its end.

    python3 stomp_submit.py [--host 127.0.0.1] [--port 61616] [--user U --password P] [--name NAME]
                            [-o KEY=VALUE ...] -- COMMAND...

Sends the submission persistent, waits for the reply (ACCEPTED with the job id: the job is in
Muster's store; or REJECTED with every violation) and prints one line per state change, with
STOMP heart-beats so a long job is followed to its end; exits 0 if the job COMPLETED, 1 if it
ended otherwise or was rejected, 2 on timeout (no reply: send again with the same requestId),
77 if the broker refused the login. A server with users (broker.users) wants --user and
--password (or $MUSTER_USER and $MUSTER_PASSWORD); the login becomes the job's user.
Needs python3-stomp (Debian) or stomp.py (pip).
"""
import argparse
import json
import os
import queue
import sys
import uuid

import stomp


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=61616)
    parser.add_argument("--user", default=os.environ.get("MUSTER_USER"))
    parser.add_argument("--password", default=os.environ.get("MUSTER_PASSWORD"))
    parser.add_argument("--name")
    parser.add_argument("-o", "--option", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for the end")
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()

    request_id = str(uuid.uuid4())
    replies = "muster.replies." + request_id
    inbox = queue.Queue()

    class Listener(stomp.ConnectionListener):
        def on_message(self, frame):
            inbox.put(frame)

    # Heart-beats both ways every 10 s: the broker drops a STOMP client that sends none after
    # 60 s, which would end the wait for a long job.
    conn = stomp.Connection([(args.host, args.port)], heartbeats=(10000, 10000))
    conn.set_listener("", Listener())
    try:
        conn.connect(args.user, args.password, wait=True)
    except stomp.exception.ConnectFailedException:
        print("the broker at %s:%d refused the login%s" % (args.host, args.port,
              " of user '%s'" % args.user if args.user else " (none given: use --user and --password)"),
              file=sys.stderr)
        sys.exit(77)
    # Subscribe before sending: a short job can end before the reply arrives. The selector runs on
    # the broker, over the event's message properties (jobId, state, group, name, requestId, ...).
    conn.subscribe(destination="muster.events", id="events", ack="auto",
                   headers={"selector": "requestId = '%s'" % request_id})
    # A queue of our own for the reply; "queue://" tells the broker that reply-to names a queue.
    conn.subscribe(destination=replies, id="replies", ack="auto", headers={"subscription-type": "ANYCAST"})

    submission = {"requestId": request_id, "command": " ".join(args.command),
                  "options": dict(o.split("=", 1) for o in args.option)}
    if args.name:
        submission["name"] = args.name
    # persistent:true: the broker journals the submission before its receipt. A submission is safe
    # once the ACCEPTED reply came (the job is in Muster's store); without one in time, send it
    # again with the same requestId (Muster runs a request id once).
    conn.send(destination="muster.submit", body=json.dumps(submission),
              headers={"reply-to": "queue://" + replies, "destination-type": "ANYCAST",
                       "content-type": "application/json", "persistent": "true"})

    status = 2
    accepted = False
    ended = None
    try:
        while True:
            frame = inbox.get(timeout=args.timeout)
            body = json.loads(frame.body)
            if frame.headers.get("subscription") == "replies":
                print("reply", json.dumps(body))
                if body["status"] == "REJECTED":
                    for v in body["violations"]:
                        print("  %s=%s: %s" % (v["option"], v["value"], v["message"]))
                    status = 1
                    break
                accepted = True
                if ended is not None:
                    status = ended
                    break
                continue
            data = body["data"]
            print("event", data["jobId"], data["state"], "exit code", data["exitCode"], "user", data.get("user"))
            for v in data.get("violations", []):
                print("  %s=%s: %s" % (v["option"], v["value"], v["message"]))
            if data["group"] in ("GOOD", "BAD"):
                if data.get("stdout"):
                    print("stdout", data["stdout"])
                ended = 0 if data["state"] == "COMPLETED" else 1
                if accepted or data["state"] == "REJECTED":
                    status = ended
                    break
    except queue.Empty:
        if not accepted:
            print("no ACCEPTED reply within %s s: the submission is not known to be safe; send it again with"
                  " requestId %s" % (args.timeout, request_id), file=sys.stderr)
        else:
            print("no end within %s s" % args.timeout, file=sys.stderr)
    finally:
        conn.disconnect()
    sys.exit(status)


if __name__ == "__main__":
    main()
