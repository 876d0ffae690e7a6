package io.muster.options.constraints;

import io.muster.options.Values;

public class PositiveIntegerValidator extends ParsingValidator<PositiveInteger> {
    public PositiveIntegerValidator() {
        super(Values::positiveInt);
    }
}
