package io.periodic.local.engines;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * JUnit 5 extension: starts the shared DynamoDB Local (once per JVM, tables from template.yaml) and injects a
 * configured {@link DynamoDbClient} or the {@link DynamoDbLocalEngine} into test constructors and methods.
 * Tests isolate themselves by data (fresh ids), not by restarting the engine.
 */
public final class DynamoDbLocalExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DynamoDbClient.class || type == DynamoDbLocalEngine.class || type == StackResources.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == StackResources.class) {
            return Engines.resources();
        }
        DynamoDbLocalEngine engine = Engines.dynamo();
        if (type == DynamoDbClient.class) {
            return engine.client();
        }
        if (type == DynamoDbLocalEngine.class) {
            return engine;
        }
        throw new ParameterResolutionException("cannot resolve " + type);
    }
}
