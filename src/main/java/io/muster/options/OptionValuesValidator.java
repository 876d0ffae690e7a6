package io.muster.options;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.ValidationException;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * Checks each given option by its keyword's kind. The work root paths must stay inside comes as
 * the validator's {@link WorkRoot} payload (see {@code OptionResolver}); without one only relative
 * paths that do not climb out are valid.
 */
public class OptionValuesValidator implements ConstraintValidator<OptionValues, JobOptions> {

    @Override
    public boolean isValid(JobOptions options, ConstraintValidatorContext context) {
        if (options == null) {
            return true;
        }
        WorkRoot root = workRoot(context);
        boolean valid = true;
        for (Keyword k : Keywords.all()) {
            Object raw = options.raw(k.name());
            if (raw == null) {
                continue;
            }
            try {
                k.kind().check(raw, root);
            } catch (IllegalArgumentException e) {
                if (valid) {
                    context.disableDefaultConstraintViolation();
                    valid = false;
                }
                context.buildConstraintViolationWithTemplate(escape(e.getMessage())).addPropertyNode(k.name())
                        .addConstraintViolation();
            }
        }
        return valid;
    }

    private static WorkRoot workRoot(ConstraintValidatorContext context) {
        try {
            return context.unwrap(HibernateConstraintValidatorContext.class).getConstraintValidatorPayload(WorkRoot.class);
        } catch (ValidationException notHibernate) {
            // another provider: no payload, so the strict rule (relative, not climbing out) applies
            return null;
        }
    }

    /** Messages are templates; a value quoted in one must not be read as an expression. */
    private static String escape(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
