package io.muster.client;

import io.muster.api.ErrorCode;

/** The server refused the request for who asked: a role she lacks, or a job or flow of somebody else's. */
public class AccessDeniedException extends MusterException {

    public AccessDeniedException(String message) {
        super(ErrorCode.FORBIDDEN, message);
    }
}
