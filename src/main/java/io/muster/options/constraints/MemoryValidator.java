package io.muster.options.constraints;

import io.muster.options.MemorySize;

public class MemoryValidator extends ParsingValidator<Memory> {
    public MemoryValidator() {
        super(MemorySize::parseMb);
    }
}
