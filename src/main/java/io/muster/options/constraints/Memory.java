package io.muster.options.constraints;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A memory size (MB, or a number with a unit b/kb/mb/gb/tb); see {@link io.muster.options.MemorySize}. */
@Documented
@Constraint(validatedBy = MemoryValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface Memory {
    String message() default "is not a memory size";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
