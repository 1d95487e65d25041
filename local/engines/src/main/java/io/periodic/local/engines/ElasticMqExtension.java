package io.periodic.local.engines;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * JUnit 5 extension: starts the shared ElasticMQ (once per JVM, queues from template.yaml) and injects a
 * configured {@link SqsClient} or the {@link ElasticMqEngine}.
 */
public final class ElasticMqExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == SqsClient.class || type == ElasticMqEngine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        ElasticMqEngine engine = Engines.sqs();
        if (type == SqsClient.class) {
            return engine.client();
        }
        if (type == ElasticMqEngine.class) {
            return engine;
        }
        throw new ParameterResolutionException("cannot resolve " + type);
    }
}
