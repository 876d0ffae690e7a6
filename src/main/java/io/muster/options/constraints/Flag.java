package io.muster.options.constraints;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A boolean: true or false, nothing else (not yes/no, not 1/0). */
@Documented
@Constraint(validatedBy = FlagValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface Flag {
    String message() default "must be true or false";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
