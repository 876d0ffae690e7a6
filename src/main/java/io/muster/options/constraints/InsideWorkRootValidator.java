package io.muster.options.constraints;

import io.muster.options.Values;
import jakarta.validation.ConstraintValidatorContext;
import java.nio.file.Path;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

public class InsideWorkRootValidator extends ParsingValidator<InsideWorkRoot> {

    public InsideWorkRootValidator() {
        super(value -> { });
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        WorkRoot root = null;
        try {
            root = context.unwrap(HibernateConstraintValidatorContext.class).getConstraintValidatorPayload(WorkRoot.class);
        } catch (jakarta.validation.ValidationException notHibernate) {
            // another provider: no payload, so the strict rule (relative, not climbing out) applies
        }
        Path base = root == null ? null : root.path();
        java.util.List<Path> kept = root == null ? java.util.List.of() : root.protectedPaths();
        return check(value, context, v -> Values.pathInside(v, base, kept));
    }
}
