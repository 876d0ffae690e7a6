package io.muster.options;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every option's value holds to its keyword's kind ({@link Keyword.Kind#check}): one violation per
 * bad option, on the option's name, with the kind's own words for what is wrong. The rules are
 * the catalogue's; nothing here repeats them.
 */
@Documented
@Constraint(validatedBy = OptionValuesValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface OptionValues {
    String message() default "is not a valid value";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
