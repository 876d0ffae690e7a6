package io.muster.options.constraints;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A start time: {@code YYYY-MM-DDTHH:MM[:SS]}, a date, or a time of day {@code HH:MM[:SS]}. */
@Documented
@Constraint(validatedBy = StartTimeValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface StartTime {
    String message() default "is not a start time";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
