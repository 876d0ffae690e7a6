package io.muster.options.constraints;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A whole number of at least 1; strings of digits are accepted, fractions are not. */
@Documented
@Constraint(validatedBy = PositiveIntegerValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface PositiveInteger {
    String message() default "must be a whole number of at least 1";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
