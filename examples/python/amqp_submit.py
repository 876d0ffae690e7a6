#!/usr/bin/env python3
"""Submit one job to Muster over AMQP 1.0 (Apache Qpid Proton) and follow it to its end.

    python3 amqp_submit.py [--url 127.0.0.1:61616] [--user U --password P] [--name NAME]
                           [-o KEY=VALUE ...] -- COMMAND...

Sends the submission durable and waits for the reply (ACCEPTED with the job id: the job is in
Muster's store; or REJECTED with every violation), then prints one line per state change; exits 0
if the job COMPLETED, 1 if it ended otherwise or was rejected, 2 on timeout (no reply: send again
with the same requestId),
77 if the broker refused the login. A server with users (broker.users) wants --user and
--password (or $MUSTER_USER and $MUSTER_PASSWORD). The broker cannot stamp an AMQP message with
the login, so the job's user is the "user" this script puts in the submission: the login.
Needs python3-qpid-proton (Debian) or python-qpid-proton (pip).
"""
import argparse
import json
import os
import sys
import uuid

from proton import ConnectionException, Message, Timeout
from proton.reactor import Selector
from proton.utils import BlockingConnection


def text(message):
    """The broker hands JMS text messages to AMQP as a string body; bytes are UTF-8 JSON too."""
    body = message.body
    return body if isinstance(body, str) else bytes(body).decode("utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="127.0.0.1:61616")
    parser.add_argument("--user", default=os.environ.get("MUSTER_USER"))
    parser.add_argument("--password", default=os.environ.get("MUSTER_PASSWORD"))
    parser.add_argument("--name")
    parser.add_argument("-o", "--option", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for the end")
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()

    request_id = str(uuid.uuid4())
    login = {}
    if args.user:
        # SASL PLAIN; over a plain TCP connection proton must be told that is acceptable
        login = dict(user=args.user, password=args.password or "", allowed_mechs="PLAIN",
                     allow_insecure_mechs=True)
    try:
        conn = BlockingConnection(args.url, **login)
    except ConnectionException as e:
        print("the broker at %s refused the login%s: %s" % (args.url, " of user '%s'" % args.user if args.user
              else " (none given: use --user and --password)", e), file=sys.stderr)
        return 77
    try:
        # Subscribe before sending, with a selector on the event's properties.
        events = conn.create_receiver("muster.events", options=Selector("requestId = '%s'" % request_id))
        # A dynamic (temporary) queue for the reply; the broker names it.
        replies = conn.create_receiver(None, dynamic=True)
        submission = {"requestId": request_id, "command": " ".join(args.command),
                      "options": dict(o.split("=", 1) for o in args.option)}
        if args.name:
            submission["name"] = args.name
        if args.user:
            submission["user"] = args.user
        # durable=True: the broker writes the submission to its journal before it settles the
        # send (BlockingConnection's send waits for that). A submission is safe once the ACCEPTED
        # reply came: the job is then in Muster's store. No reply in time: send the same
        # submission again, same requestId; Muster runs a request id once.
        conn.create_sender("muster.submit").send(Message(
            body=json.dumps(submission), content_type="application/json", durable=True,
            reply_to=replies.remote_source.address, correlation_id=request_id))

        try:
            reply = json.loads(text(replies.receive(timeout=args.timeout)))
        except Timeout:
            print("no ACCEPTED reply within %s s: the submission is not known to be safe; send it again with"
                  " requestId %s" % (args.timeout, request_id), file=sys.stderr)
            return 2
        replies.accept()
        print("reply", json.dumps(reply))
        if reply["status"] == "REJECTED":
            for v in reply["violations"]:
                print("  %s=%s: %s" % (v["option"], v["value"], v["message"]))
            return 1
        while True:
            message = events.receive(timeout=args.timeout)
            events.accept()
            data = json.loads(text(message))["data"]
            print("event", data["jobId"], data["state"], "exit code", data["exitCode"], "user", data.get("user"))
            if data["group"] in ("GOOD", "BAD"):
                return 0 if data["state"] == "COMPLETED" else 1
    except Timeout:
        print("no answer within %s s" % args.timeout, file=sys.stderr)
        return 2
    finally:
        conn.close()


if __name__ == "__main__":
    sys.exit(main())
