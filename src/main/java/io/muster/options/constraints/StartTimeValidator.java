package io.muster.options.constraints;

import io.muster.options.Values;

public class StartTimeValidator extends ParsingValidator<StartTime> {
    public StartTimeValidator() {
        super(Values::begin);
    }
}
