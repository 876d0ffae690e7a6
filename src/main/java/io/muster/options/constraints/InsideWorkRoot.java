package io.muster.options.constraints;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A path for job files: a token that stays inside the work root. The root comes from the validator's {@link WorkRoot} payload (see {@code OptionResolver}); without one only relative paths that do not climb out are valid. */
@Documented
@Constraint(validatedBy = InsideWorkRootValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface InsideWorkRoot {
    String message() default "must stay inside the work root";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
