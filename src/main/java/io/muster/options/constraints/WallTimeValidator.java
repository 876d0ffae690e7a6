package io.muster.options.constraints;

public class WallTimeValidator extends ParsingValidator<WallTime> {
    public WallTimeValidator() {
        super(io.muster.options.WallTime::parse);
    }
}
