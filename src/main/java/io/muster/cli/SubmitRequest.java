package io.muster.cli;

import java.util.Map;

/** What the CLI submits: the fields of a submission message. */
record SubmitRequest(String command, String name, String backend, String profile, Map<String, Object> options) {
}
