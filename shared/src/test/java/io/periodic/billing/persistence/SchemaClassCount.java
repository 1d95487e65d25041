package io.periodic.billing.persistence;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Prints how many classes the schemas cost, for cold-start reviews (not a test: run it in a fresh JVM).
 * With {@code -Xlog:class+load} the JVM also logs each class, so lambda classes can be counted by name:
 * <pre>
 * mvn -o -q -pl shared dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xlog:class+load:file=target/classes.log -cp shared/target/test-classes:shared/target/classes:$(cat shared/target/cp.txt) \
 *     io.periodic.billing.persistence.SchemaClassCount
 * grep -c 'persistence.*Lambda' target/classes.log
 * </pre>
 */
public final class SchemaClassCount {
    private SchemaClassCount() {}

    public static void main(String[] args) {
        loaded(); // the management beans' own classes
        long start = loaded();
        long t0 = System.nanoTime();
        List<StoredItems.Case<?>> cases = StoredItems.all();
        long t1 = System.nanoTime();
        long built = loaded();
        for (StoredItems.Case<?> c : cases) {
            roundTrip(c);
        }
        long t2 = System.nanoTime();
        long used = loaded();
        System.out.printf("classes loaded: %d at start, +%d to build every schema and its items (%.0f ms), +%d to "
                + "write and read one item of each of %d cases (%.0f ms), %d in all%n", start, built - start,
                (t1 - t0) / 1e6, used - built, cases.size(), (t2 - t1) / 1e6, used);
    }

    private static <T> void roundTrip(StoredItems.Case<T> c) {
        c.schema().mapToItem(c.schema().itemToMap(c.item(), true));
    }

    private static long loaded() {
        return ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    }
}
