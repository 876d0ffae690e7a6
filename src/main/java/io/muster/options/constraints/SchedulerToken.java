package io.muster.options.constraints;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A value that reaches a script header: one token (no white space, quotes, newlines or shell characters), so no option can add a directive or a command. */
@Documented
@Constraint(validatedBy = SchedulerTokenValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface SchedulerToken {
    String message() default "must be one token";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
