package io.muster.options.constraints;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.lang.annotation.Annotation;
import java.util.function.Consumer;

/**
 * A constraint that holds when a parser accepts the value; the parser's own message (which says
 * what is wrong) becomes the violation's message. A null value means "not given" and is valid.
 */
abstract class ParsingValidator<A extends Annotation> implements ConstraintValidator<A, Object> {

    private final Consumer<Object> parser;

    ParsingValidator(Consumer<Object> parser) {
        this.parser = parser;
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        return check(value, context, parser);
    }

    static boolean check(Object value, ConstraintValidatorContext context, Consumer<Object> parser) {
        if (value == null) {
            return true;
        }
        try {
            parser.accept(value);
            return true;
        } catch (IllegalArgumentException e) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(escape(e.getMessage())).addConstraintViolation();
            return false;
        }
    }

    /** Messages are templates; a value quoted in one must not be read as an expression. */
    private static String escape(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
