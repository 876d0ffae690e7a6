package io.muster.options.constraints;

import io.muster.options.Values;

public class SchedulerArgumentsValidator extends ParsingValidator<SchedulerArguments> {
    public SchedulerArgumentsValidator() {
        super(Values::schedulerArguments);
    }
}
