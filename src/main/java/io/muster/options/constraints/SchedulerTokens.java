package io.muster.options.constraints;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A list (or one value) whose every element is a {@link SchedulerToken} token; a string splits on commas and semicolons. */
@Documented
@Constraint(validatedBy = SchedulerTokensValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface SchedulerTokens {
    String message() default "must be a list of tokens";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
