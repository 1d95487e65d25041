package io.periodic.billing.aws;

import io.periodic.billing.ports.DocumentStore;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Documents in the stack's S3 bucket. The link handed to customers is {@code <linkBase>/<key>}: the operator puts
 * the management API's document route or a CloudFront distribution there (pre-signed URLs made with a Lambda
 * role's temporary credentials expire within hours, too soon for an invoice e-mail).
 */
public final class S3DocumentStore implements DocumentStore {
    private final Supplier<S3Client> client;
    private final String bucket;
    private final String linkBase;

    public S3DocumentStore(S3Client client, String bucket, String linkBase) {
        this(AwsClients.ready(client), bucket, linkBase);
    }

    /** With a client built on first use ({@link AwsClients#lazy}). */
    public S3DocumentStore(Supplier<S3Client> client, String bucket, String linkBase) {
        this.client = client;
        this.bucket = bucket;
        this.linkBase = linkBase.endsWith("/") ? linkBase.substring(0, linkBase.length() - 1) : linkBase;
    }

    @Override
    public String put(String key, String contentType, byte[] content) {
        client.get().putObject(r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
        return link(key);
    }

    @Override
    public String link(String key) {
        return linkBase + "/" + key;
    }

    @Override
    public byte[] get(String key) {
        try {
            return client.get().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    @Override
    public void delete(String key) {
        client.get().deleteObject(r -> r.bucket(bucket).key(key));
    }
}
