package io.muster.options.constraints;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A wall-clock time; see {@link io.muster.options.WallTime}. */
@Documented
@Constraint(validatedBy = WallTimeValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface WallTime {
    String message() default "is not a time";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
