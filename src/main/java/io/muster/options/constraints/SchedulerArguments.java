package io.muster.options.constraints;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Raw scheduler arguments: tokens, each starting with {@code -}. */
@Documented
@Constraint(validatedBy = SchedulerArgumentsValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface SchedulerArguments {
    String message() default "must be scheduler options";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
