package io.muster.options.constraints;

import io.muster.options.Values;

public class SchedulerTokensValidator extends ParsingValidator<SchedulerTokens> {
    public SchedulerTokensValidator() {
        super(Values::tokens);
    }
}
