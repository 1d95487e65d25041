package io.periodic.billing.persistence;

import io.periodic.billing.model.Checkpoint;
import io.periodic.billing.model.SellerProfile;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;

/** Settings: the seller's details printed on documents (edited through the management API), sweep checkpoints. */
public final class SettingsRepository {
    private final DynamoDbTable<SellerProfile> seller;
    private final DynamoDbTable<Checkpoint> checkpoints;

    SettingsRepository(DynamoDbEnhancedClient client, String tableName) {
        this.seller = client.table(tableName, SettingsSchema.SELLER);
        this.checkpoints = client.table(tableName, SettingsSchema.CHECKPOINT);
    }

    public Optional<Checkpoint> checkpoint(String name) {
        return Optional.ofNullable(checkpoints.getItem(r -> r.key(EntityTable.key("CHECKPOINT#" + name, "CHECKPOINT"))
                .consistentRead(true)));
    }

    public void saveCheckpoint(Checkpoint checkpoint) {
        checkpoints.putItem(checkpoint);
    }

    public void clearCheckpoint(String name) {
        checkpoints.deleteItem(EntityTable.key("CHECKPOINT#" + name, "CHECKPOINT"));
    }

    public Optional<SellerProfile> seller() {
        return Optional.ofNullable(seller.getItem(r -> r.key(EntityTable.key("SETTINGS", "SELLER")).consistentRead(true)));
    }

    /** The seller's details, or a clear error: documents must never go out without them. */
    public SellerProfile requireSeller() {
        return seller().orElseThrow(() -> new MissingSettingsException(
                "seller details are not configured: PUT /settings before billing (see README)"));
    }

    public void putSeller(SellerProfile profile) {
        seller.putItem(profile);
    }
}
