package io.muster.options.constraints;

import io.muster.options.Values;

public class SchedulerTokenValidator extends ParsingValidator<SchedulerToken> {
    public SchedulerTokenValidator() {
        super(Values::token);
    }
}
