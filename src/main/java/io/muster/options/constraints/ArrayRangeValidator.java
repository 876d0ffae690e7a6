package io.muster.options.constraints;

import io.muster.options.Values;

public class ArrayRangeValidator extends ParsingValidator<ArrayRange> {
    public ArrayRangeValidator() {
        super(Values::arrayRange);
    }
}
