package io.muster.options.constraints;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A job-array range: {@code 1-10}, {@code 1,3,5}, {@code 0-20:2}, {@code 1-100%5}. */
@Documented
@Constraint(validatedBy = ArrayRangeValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface ArrayRange {
    String message() default "is not an array range";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
