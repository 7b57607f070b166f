package dev.mastodonmaintenance.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies the starter's own Spring Batch infrastructure: its {@code JobRepository},
 * {@code JobOperator}, {@code Job}, transaction manager, task executor and execution
 * context serializer. They are not default candidates, so the application's own Spring
 * Batch beans are injected as before; inject these with the qualifier.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface MastodonMaintenanceBatch {

}
