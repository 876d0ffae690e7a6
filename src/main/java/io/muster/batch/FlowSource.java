package io.muster.batch;

/**
 * The text of one flow and where it came from.
 *
 * @param origin    what messages name: the file's path, or {@code batch-jobs/NAME.xml}
 * @param reference what finds it again (an absolute path, or a name), kept with the execution
 *                  so that a restart in another server process reloads the same flow
 */
record FlowSource(String origin, String reference, String xml) {
}
