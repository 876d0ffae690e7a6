package io.muster.options.constraints;

import io.muster.options.Values;

public class FlagValidator extends ParsingValidator<Flag> {
    public FlagValidator() {
        super(Values::bool);
    }
}
