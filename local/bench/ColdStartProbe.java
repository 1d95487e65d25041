import java.lang.management.ManagementFactory;

/**
 * Cold-start proxy for one function jar, run by `./dev bench` in a fresh JVM per function:
 *   java -XX:TieredStopAtLevel=1 -cp <function.jar>:target/bench ColdStartProbe <handler class>
 * It loads and constructs the handler exactly as the Lambda runtime's init phase does (SDK clients, schemas,
 * templates built; no request sent) and prints the time, the classes loaded and the heap in use. Figures, not
 * assertions: they are compared over time, not against a threshold.
 */
public final class ColdStartProbe {
    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Class<?> handler = Class.forName(args[0]);
        Object instance = handler.getDeclaredConstructor().newInstance();
        long initMillis = (System.nanoTime() - started) / 1_000_000;
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
        int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        System.out.printf("%-70s init %5d ms, %5d classes loaded, %3d MB heap in use (%s)%n", args[0], initMillis,
                classes, heapMb, instance.getClass().getSimpleName());
    }
}
